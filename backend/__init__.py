"""feelsafe: the Litestar application that serves the feeling-safe survey."""
