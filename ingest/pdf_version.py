"""Version of the report parsers; part of the index stamp. Bump it when parsing output changes."""
PARSER_VERSION = "parser-v3"  # v3: borderless rows, section rows, wrapped dates
