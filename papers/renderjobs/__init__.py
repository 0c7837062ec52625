"""Pages for papers rendered in the background: start, watch progress, download."""
