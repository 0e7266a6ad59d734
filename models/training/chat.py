"""Chat turns for training and evaluation text, in a generation's markup (Gemma 1–3 and
3n by default; Gemma 4's with `fmt=families.chat.GEMMA4`):

  <start_of_turn>user
  {prompt}<end_of_turn>
  <start_of_turn>model
  {response}<end_of_turn>

The tokenizer's preprocessor adds `<bos>` before the prompt turn and `<eos>` after the
response turn; generation is given `user_turn(prompt)` and stops at the end of turn or `<eos>`.
"""

from lit_app.models.engine.families.chat import GEMMA, GEMMA4, ChatFormat  # noqa: F401

START_OF_TURN = GEMMA.start_of_turn
END_OF_TURN = GEMMA.end_of_turn


def user_turn(prompt: str, fmt: ChatFormat = GEMMA) -> str:
  """The prompt as a user turn, followed by the opening of the model's turn."""
  return fmt.user_turn(prompt)


def model_turn(response: str, fmt: ChatFormat = GEMMA) -> str:
  """The response as the rest of the model's turn."""
  return fmt.model_turn(response)


def strip_model_turn(generated: str, prompt_text: str = "", fmt: ChatFormat = GEMMA) -> str:
  """The model's reply in `generated` (prompt + continuation): the text after the prompt's
  model-turn opening, up to the first end or start of a turn."""
  marker = f"{fmt.start_of_turn}model\n"
  if prompt_text and generated.startswith(prompt_text):
    generated = generated[len(prompt_text):]
  elif marker in generated:
    generated = generated.split(marker, 1)[1]
  for end in (fmt.end_of_turn, fmt.start_of_turn):
    generated = generated.split(end, 1)[0]
  return generated.strip()
