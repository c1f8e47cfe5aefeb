"""The browser app (Gradio). ``layout.build_app(assistant, settings)`` builds it; ``server`` launches it.

Nothing here is imported by the rest of the package: ``import assistant`` never loads Gradio.
"""
