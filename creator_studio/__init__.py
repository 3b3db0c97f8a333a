"""Creator Studio (创客工作室): PPT/Word → microcourses, plus the knowledge-IP market."""

__version__ = "0.1.0"
