"""The municipality's archive: the package of each submission, and the ways it is sent there."""
