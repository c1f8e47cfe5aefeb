"""The browser app (Gradio). ``layout.build_app(assistant, settings)`` builds it; ``server.launch_options(settings)``
says how to serve it (address, login, upload cap, look). app.py joins the two.

Nothing here is imported by the rest of the package: ``import assistant`` never loads Gradio.
"""
