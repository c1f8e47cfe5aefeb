"""Chat models by configuration, through LangChain. ``extractive`` (the default) needs none."""
from __future__ import annotations

from typing import Any

from langchain_core.callbacks import CallbackManagerForLLMRun
from langchain_core.language_models import BaseChatModel
from langchain_core.messages import AIMessage, BaseMessage
from langchain_core.outputs import ChatGeneration, ChatResult
from pydantic import ConfigDict, PrivateAttr

from .config import LlmConfig


class LLMConfigError(ValueError):
    pass


def build_llm(config: LlmConfig) -> BaseChatModel | None:
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
        return LlamaCppChat(model_path=str(config.gguf_path), temperature=config.temperature)
    raise LLMConfigError(f"backend desconocido: {backend}")


class LlamaCppChat(BaseChatModel):
    """A local GGUF model through llama-cpp-python (``pip install '.[llamacpp]'``), loaded on first use."""

    model_config = ConfigDict(arbitrary_types_allowed=True)
    model_path: str
    temperature: float = 0.0
    max_tokens: int = 512
    n_ctx: int = 4096
    _llama: Any = PrivateAttr(default=None)

    @property
    def _llm_type(self) -> str:
        return "llama-cpp"

    def _load(self):
        if self._llama is None:
            try:
                from llama_cpp import Llama
            except ImportError as exc:
                raise LLMConfigError("llama-cpp-python no está instalado: pip install '.[llamacpp]'") from exc
            self._llama = Llama(model_path=self.model_path, n_ctx=self.n_ctx, verbose=False)
        return self._llama

    def _generate(self, messages: list[BaseMessage], stop: list[str] | None = None,
                  run_manager: CallbackManagerForLLMRun | None = None, **kwargs: Any) -> ChatResult:
        roles = {"system": "system", "human": "user", "ai": "assistant"}
        payload = [{"role": roles.get(m.type, "user"), "content": m.content} for m in messages]
        out = self._load().create_chat_completion(messages=payload, temperature=self.temperature,
                                                  max_tokens=self.max_tokens, stop=stop)
        text = out["choices"][0]["message"]["content"] or ""
        return ChatResult(generations=[ChatGeneration(message=AIMessage(content=text))])
