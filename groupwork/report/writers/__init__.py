"""Three small writers of the review's document model: Markdown, HTML and docx."""
