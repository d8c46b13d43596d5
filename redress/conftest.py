"""Fixtures shared by every app's tests: users and signed-in clients for each role, and the
working-day calendar."""

import datetime

import pytest
from django.test import Client

from redress.accounts.models import Role, User

# The browser fixtures, registered once for every app's browser tests (see support.py).
from redress.core.tests.browser.support import browser, no_js_page, page  # noqa: F401
from redress.procedures.calendar import WorkingCalendar


@pytest.fixture(scope="session")
def django_db_modify_db_settings(django_db_modify_db_settings_parallel_suffix: None) -> None:
    """No persistent connections in tests. The live server's request threads are daemons: one
    still holding a kept-alive browser connection when the server stops would never close its
    database connection, and PostgreSQL would refuse to drop the test database."""
    from django.conf import settings

    for database in settings.DATABASES.values():
        database["CONN_MAX_AGE"] = 0


@pytest.fixture(scope="session", autouse=True)
def _flush_may_empty_the_audit_trail():
    """The audit table refuses DELETE (redress/core/append_only.py). SQLite's flush between
    transactional tests deletes every row, so it alone is let through; PostgreSQL's flush
    truncates, which the row trigger does not see."""
    from django.db.backends.base.operations import BaseDatabaseOperations

    from redress.core.append_only import flush_allowed

    execute_sql_flush = BaseDatabaseOperations.execute_sql_flush

    def flush(self, sql_list):
        with flush_allowed():
            execute_sql_flush(self, sql_list)

    BaseDatabaseOperations.execute_sql_flush = flush  # type: ignore[method-assign]
    yield
    BaseDatabaseOperations.execute_sql_flush = execute_sql_flush  # type: ignore[method-assign]


@pytest.fixture(scope="session", autouse=True)
def _documents_in_a_folder_of_the_run(tmp_path_factory):
    """Documents uploaded by tests (and the live server of the browser tests) go to a temporary
    folder, never to var/documents."""
    from django.conf import settings
    from django.test import override_settings

    documents = {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": str(tmp_path_factory.mktemp("documents"))},
    }
    with override_settings(STORAGES={**settings.STORAGES, "documents": documents}):
        yield


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    # Real hashing takes a noticeable fraction of a second per password; tests need no security.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(scope="session", autouse=True)
def _plain_http() -> None:
    """The test client and the live server speak plain HTTP, so the production defaults that
    need HTTPS (redirect to it, cookies only over it) are off in tests; a test in
    redress/core/tests/test_deployment.py checks those defaults themselves."""
    from django.conf import settings

    settings.SECURE_SSL_REDIRECT = False
    settings.SESSION_COOKIE_SECURE = settings.CSRF_COOKIE_SECURE = False


@pytest.fixture(autouse=True)
def _force_login_passes_the_second_factor(monkeypatch):
    """`client.force_login(user)` stands for a finished sign-in: the password and, for those who
    must give one, the second factor too. Tests of signing in itself post the real forms."""
    from redress.accounts.second_factor import required_for
    from redress.accounts.tests.support import pass_second_factor

    force_login = Client.force_login

    def signed_in(self, user, backend=None):
        force_login(self, user, backend)
        if required_for(user):
            pass_second_factor(self, user)

    monkeypatch.setattr(Client, "force_login", signed_in)


@pytest.fixture(scope="session")
def calendar() -> WorkingCalendar:
    return WorkingCalendar()


def _user(role: str, username: str) -> User:
    return User.objects.create_user(
        username=username,
        password="correct horse battery staple",
        first_name=username.split("_")[0].title(),
        last_name="Tester",
        role=role,
    )


@pytest.fixture
def manager(db) -> User:
    return _user(Role.COMPLAINTS_MANAGER, "morgan_manager")


@pytest.fixture
def officer(db) -> User:
    return _user(Role.COMPLAINTS_OFFICER, "olive_officer")


@pytest.fixture
def responding_manager(db) -> User:
    return _user(Role.RESPONDING_MANAGER, "rita_responder")


@pytest.fixture
def investigator(db) -> User:
    return _user(Role.INVESTIGATING_OFFICER, "ivan_investigator")


@pytest.fixture
def executive(db) -> User:
    return _user(Role.EXECUTIVE, "eve_executive")


def _client_for(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def manager_client(manager) -> Client:
    return _client_for(manager)


@pytest.fixture
def staff_manager(manager) -> User:
    """The complaints manager with the admin open to them (`is_staff`), as authorities set up
    whoever keeps the settings, taxonomies and accounts."""
    manager.is_staff = True
    manager.save()
    return manager


@pytest.fixture
def staff_manager_client(staff_manager) -> Client:
    return _client_for(staff_manager)


@pytest.fixture
def officer_client(officer) -> Client:
    return _client_for(officer)


@pytest.fixture
def responding_manager_client(responding_manager) -> Client:
    return _client_for(responding_manager)


@pytest.fixture
def investigator_client(investigator) -> Client:
    return _client_for(investigator)


@pytest.fixture
def executive_client(executive) -> Client:
    return _client_for(executive)


@pytest.fixture
def d():
    """`d("2021-04-01")` is a date: keeps date-heavy tests readable."""
    return datetime.date.fromisoformat
