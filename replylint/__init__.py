"""replylint: lint official replies of government offices to citizens (ru, vi)."""


def version() -> str:
    """The installed distribution's version (a source tree that is not installed: 0.0.0+unknown)."""
    from importlib.metadata import PackageNotFoundError, version as dist_version
    try:
        return dist_version("replylint")
    except PackageNotFoundError:
        return "0.0.0+unknown"
