from django.apps import AppConfig


class TaxonomiesConfig(AppConfig):
    name = "redress.taxonomies"
    label = "taxonomies"
