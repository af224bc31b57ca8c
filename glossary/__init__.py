"""hanja-reader's glossary engine: find hanja glosses in Korean text and explain them."""
