"""The web server: pages for teams and the CLICS-shaped JSON API (to come)."""
