"""Log extracts for a case and the systematic log review (issue 10, items 4 and 5). Depends on
samverkan (the audit log), checklists (units and roles) and django-axes; none depend on it."""
