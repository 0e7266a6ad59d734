"""Training the bundled checkpoints: the generated corpus, chat-format batches, the loop,
LoRA supervised fine-tuning (sft)."""
