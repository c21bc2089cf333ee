"""A small weather assistant: the application locate_code is tested on."""
