from sihub.conftest import PASSWORD


def test_it_locks_out_after_repeated_failures(editor, client, settings):
    settings.AXES_FAILURE_LIMIT = 3
    for _ in range(3):
        client.post("/admin/login/", {"username": editor.email, "password": "wrong"})
    # Even the right password is refused while locked out.
    response = client.post("/admin/login/", {"username": editor.email, "password": PASSWORD})
    assert response.status_code in (403, 429)
    assert "_auth_user_id" not in client.session


def test_it_lets_the_right_password_in(editor, client):
    response = client.post("/admin/login/", {"username": editor.email, "password": PASSWORD})
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(editor.pk)


def test_it_counts_failures_regardless_of_letter_case(editor, client, settings):
    settings.AXES_FAILURE_LIMIT = 2
    client.post("/admin/login/", {"username": editor.email.upper(), "password": "wrong"})
    client.post("/admin/login/", {"username": editor.email, "password": "wrong"})
    response = client.post("/admin/login/", {"username": editor.email, "password": PASSWORD})
    assert response.status_code == 429
