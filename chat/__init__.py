"""The chat page's parts (rendering, history, feedback, page text); app.py wires them into Gradio."""

from core.config import apply_offline_env

# Must run before gradio is imported (by the modules of this package): gradio reads these
# switches at import time.
apply_offline_env()
