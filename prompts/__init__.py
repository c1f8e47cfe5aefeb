"""The prompt files (``*.md``) and answer phrasings (``answers.<lang>.toml``), shipped as package
data so that an installed (non-editable) copy finds them; read by ``assistant.prompts``."""
