"""The public duty pages: accessibility statement with its report form, personal-data notice."""
