"""The first-start questions: language, data folder, demo data, profile and unit list."""
