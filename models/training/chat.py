"""Gemma's chat turn format.

  <start_of_turn>user
  {prompt}<end_of_turn>
  <start_of_turn>model
  {response}<end_of_turn>

The tokenizer's preprocessor adds `<bos>` before the prompt turn and `<eos>` after the
response turn; generation is given `user_turn(prompt)` and stops at `<end_of_turn>` or `<eos>`.
"""

START_OF_TURN = "<start_of_turn>"
END_OF_TURN = "<end_of_turn>"


def user_turn(prompt: str) -> str:
  """The prompt as a user turn, followed by the opening of the model's turn."""
  return f"{START_OF_TURN}user\n{prompt}{END_OF_TURN}\n{START_OF_TURN}model\n"


def model_turn(response: str) -> str:
  """The response as the rest of the model's turn."""
  return f"{response}{END_OF_TURN}"


def strip_model_turn(generated: str, prompt_text: str = "") -> str:
  """The model's reply in `generated` (prompt + continuation): the text after the prompt's
  model-turn opening, up to the first `<end_of_turn>` or `<start_of_turn>`."""
  marker = f"{START_OF_TURN}model\n"
  if prompt_text and generated.startswith(prompt_text):
    generated = generated[len(prompt_text):]
  elif marker in generated:
    generated = generated.split(marker, 1)[1]
  for end in (END_OF_TURN, START_OF_TURN):
    generated = generated.split(end, 1)[0]
  return generated.strip()
