"""The full-screen wizard (Textual): one app, a screen per section, the review and the dialogs."""
