"""Chat markup: how a generation wraps a user turn and ends a turn."""

import dataclasses


@dataclasses.dataclass(frozen=True)
class ChatFormat:
  """A user turn followed by the opening of the model's turn.

  Gemma 1–3 and 3n: `<start_of_turn>user\\n{prompt}<end_of_turn>\\n<start_of_turn>model\\n`.
  Gemma 4:          `<|turn>user\\n{prompt}<turn|>\\n<|turn>model\\n`.
  """
  start_of_turn: str
  end_of_turn: str

  def user_turn(self, prompt: str) -> str:
    """The prompt as a user turn, followed by the opening of the model's turn."""
    return (f"{self.start_of_turn}user\n{prompt}{self.end_of_turn}\n"
            f"{self.start_of_turn}model\n")

  def model_turn(self, response: str) -> str:
    """The response as the rest of the model's turn."""
    return f"{response}{self.end_of_turn}"

  def has_markup(self, text: str) -> bool:
    """Whether `text` already holds this format's start-of-turn marker."""
    return self.start_of_turn in text


GEMMA = ChatFormat("<start_of_turn>", "<end_of_turn>")
GEMMA4 = ChatFormat("<|turn>", "<turn|>")
