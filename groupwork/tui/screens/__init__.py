"""One screen per module; screens compose widgets and call the core through ``app.store``."""
