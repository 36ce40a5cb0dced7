import factory

from mandates import models


class AreaFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.MandateArea

    slug = factory.Sequence(lambda n: f"omrade-{n}")
    name = factory.Sequence(lambda n: f"Område {n}")
    order = factory.Sequence(int)
    law_text = "Lagtext om anmälningsplikten."


class AreaItemFactory(factory.django.DjangoModelFactory):
    area = factory.SubFactory(AreaFactory)
    order = factory.Sequence(int)


class LawReferenceFactory(AreaItemFactory):
    class Meta:
        model = models.LawReference

    law = "Socialtjänstlagen"
    chapter = "14"
    section = "1"


class LinkedFactory(AreaItemFactory):
    title = factory.Sequence(lambda n: f"Titel {n}")
    url = "https://example.org/"


class GoverningDocumentFactory(LinkedFactory):
    class Meta:
        model = models.GoverningDocument


class PresentationFactory(LinkedFactory):
    class Meta:
        model = models.Presentation


class FilmGroupFactory(LinkedFactory):
    class Meta:
        model = models.FilmGroup


class FilmFactory(LinkedFactory):
    class Meta:
        model = models.Film

    duration_text = "ca 4 minuter"


class FurtherReadingFactory(LinkedFactory):
    class Meta:
        model = models.FurtherReading


class WebCourseFactory(LinkedFactory):
    class Meta:
        model = models.WebCourse


class EmployerResourceFactory(LinkedFactory):
    class Meta:
        model = models.EmployerResource


class ReflectionQuestionFactory(AreaItemFactory):
    class Meta:
        model = models.ReflectionQuestion

    text = factory.Sequence(lambda n: f"Fråga {n}?")


class RoleItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.RoleItem

    kind = models.RoleItem.Kind.ASSIGNMENT
    text = factory.Sequence(lambda n: f"Uppdrag {n}")


class ContactFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Contact

    name = factory.Sequence(lambda n: f"Person {n}")
    role = "strateg"
    email = "person@example.org"
    phone = "0709 - 123 456"


AREA_ITEM_FACTORIES = [
    LawReferenceFactory,
    GoverningDocumentFactory,
    PresentationFactory,
    FilmGroupFactory,
    FilmFactory,
    FurtherReadingFactory,
    WebCourseFactory,
    EmployerResourceFactory,
    ReflectionQuestionFactory,
]


def fill_area(area, times: int) -> None:
    """`times` items of every kind, some films in a group, plus checklist items."""
    for factory_class in AREA_ITEM_FACTORIES:
        factory_class.create_batch(times, area=area)
    group = models.FilmGroup.objects.filter(area=area).first()
    FilmFactory.create_batch(times, area=area, group=group, duration_text="2-3 minuter")
    for n in range(times):
        models.ChecklistItem.objects.create(area=area, order=n, text=f"Punkt {n}")
