"""The appliance's failures, one small type per kind; the CLI turns each into one line."""


class ApplianceError(Exception):
    """Base of everything the appliance raises on purpose."""


class PackageError(ApplianceError):
    """A problem package is broken; the message names each file and key at fault."""
