from tests.databases import engine, uow  # noqa: F401  (fixtures)
