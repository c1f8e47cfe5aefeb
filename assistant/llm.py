"""Chat models by configuration, through LangChain. ``extractive`` (the default) needs none."""
from __future__ import annotations

from typing import TYPE_CHECKING

from .config import LlmConfig

if TYPE_CHECKING:  # LangChain loads only with a model backend: the extractive default starts without it
    from langchain_core.language_models import BaseChatModel


class LLMConfigError(ValueError):
    pass


def build_llm(config: LlmConfig) -> "BaseChatModel | None":
    backend = config.backend
    if backend == "extractive":
        return None
    if backend == "ollama":
        from langchain_ollama import ChatOllama

        return ChatOllama(model=config.model or "llama3.1", base_url=config.base_url,
                          temperature=config.temperature)
    if backend == "openai":
        if not config.base_url and not config.api_key:
            raise LLMConfigError("llm_backend=openai necesita ASSISTANT_LLM_BASE_URL y/o ASSISTANT_LLM_API_KEY")
        from langchain_openai import ChatOpenAI

        return ChatOpenAI(model=config.model or "gpt-4o-mini", base_url=config.base_url,
                          api_key=config.api_key or "sin-clave", temperature=config.temperature,
                          timeout=config.timeout_s, max_retries=1)
    if backend == "llamacpp":
        if not config.gguf_path or not config.gguf_path.exists():
            raise LLMConfigError(f"llm_backend=llamacpp necesita ASSISTANT_LLM_GGUF_PATH con un archivo .gguf "
                                 f"existente (se indicó: {config.gguf_path})")
        from .llamacpp_chat import LlamaCppChat

        return LlamaCppChat(model_path=str(config.gguf_path), temperature=config.temperature)
    raise LLMConfigError(f"backend desconocido: {backend}")
