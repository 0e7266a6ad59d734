"""`python -m lit_app`: serve Gemma in LIT."""

from lit_app import server

if __name__ == "__main__":
  server.run()
