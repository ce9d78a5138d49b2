"""Word lists as data: the TOML files beside this module and their loader (shuzhi.lexicons.loader)."""
