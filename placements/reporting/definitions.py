"""What every figure of the progress report means, in the words of its readers: the *Definities* sheet and page.
The exact definitions, in English, are in docs/figures.md."""

from django.utils.translation import gettext_lazy as _

DEFINITIONS = [
    (
        _("Contingent"),
        _("Het aantal woningen dat een corporatie in het jaar voor uitstroom beschikbaar stelt (prestatieafspraak)."),
    ),
    (
        _("Gerealiseerd"),
        _(
            "Plaatsingen op woningen van de corporatie in de regio met een sleuteloverdracht in het jaar, tot en met de peildatum."
        ),
    ),
    (
        _("Lopend"),
        _(
            "Voordrachten die nu voorgedragen of geaccepteerd zijn, voorgedragen tot en met de peildatum (voor een eerder jaar: 31 december), in welk jaar ook."
        ),
    ),
    (
        _("Gereserveerd, ongebruikt"),
        _(
            "Woningen van de corporatie in de regio met status gereserveerd (niet aangeboden, verhuurd of ingetrokken), gereserveerd tot en met de peildatum (voor een eerder jaar: 31 december), in welk jaar ook."
        ),
    ),
    (
        _("Lopend: oudste (dagen)"),
        _("Dagen dat de oudste lopende voordracht open staat: van de datum van voordragen tot de peildatum."),
    ),
    (
        _("Ongebruikt: oudste (dagen)"),
        _(
            "Dagen dat de langst ongebruikte gereserveerde woning gereserveerd is: van de reserveringsdatum tot de peildatum."
        ),
    ),
    (
        _("Naar rato doel"),
        _("Contingent × verstreken deel van het jaar (dagen tot en met de peildatum ÷ dagen in het jaar)."),
    ),
    (
        _("Status"),
        _(
            "Op schema: gerealiseerd ≥ naar rato doel. Bijna op schema: gerealiseerd ≥ de afgesproken drempel (standaard 80%) × naar rato doel. Anders: achter."
        ),
    ),
    (
        _("Prognose jaareinde"),
        _(
            "Gerealiseerd ÷ verstreken deel van het jaar, met minstens één maand (31 dagen) als verstreken deel, zodat begin januari niet extreem wordt doorgerekend."
        ),
    ),
    (
        _("Contingent per gemeente"),
        _(
            "Waar een afspraak over gemeenten is verdeeld: het deel van de gemeente, de plaatsingen op woningen van de corporatie in die gemeente met een sleuteloverdracht in het jaar (tot en met de peildatum), het naar rato doel en de status, berekend als voor de hele afspraak."
        ),
    ),
    (
        _("Plaatsingen per wijk"),
        _(
            "Plaatsingen die niet zijn afgewezen of ingetrokken, gedateerd op de sleuteloverdracht of anders de datum van voordracht, in het jaar."
        ),
    ),
    (
        _("Per 1.000 sociale huurwoningen"),
        _("Plaatsingen × 1.000 ÷ aantal sociale huurwoningen in de wijk; n.v.t. als de voorraad onbekend of 0 is."),
    ),
    (
        _("Boven / nadert de norm"),
        _(
            "Boven: meer dan de spreidingsregel toestaat (per wijk per jaar of per 1.000 woningen). Nadert: minstens 80% daarvan."
        ),
    ),
    (
        _("Lopend in complex"),
        _(
            "Voorgedragen, geaccepteerde of verhuisde plaatsingen op woningen met dezelfde complexcode van dezelfde corporatie."
        ),
    ),
    (
        _("Boven de norm (complex)"),
        _("Ja als het aantal lopend in het complex hoger is dan het maximum per complex van de spreidingsregel."),
    ),
    (
        _("Periode"),
        _(
            "De tijd van een cliënt wordt per periode geteld: vanaf de datum uitstroomklaar, of vanaf het heropenen (ook na een terugval), tot de sleuteloverdracht of het afsluiten. Maanden waarin de cliënt was afgesloten tellen nooit als wachtend."
        ),
    ),
    (
        _("Nieuw uitstroomklaar"),
        _("Perioden die in de maand beginnen: de datum uitstroomklaar, of het heropenen van een cliënt."),
    ),
    (
        _("Wachtend eind maand"),
        _("Cliënten van wie op de laatste dag van de maand een periode liep: niet verhuisd en niet afgesloten."),
    ),
    (
        _("Gehuisvest"),
        _(
            "Sleuteloverdrachten in de maand. Mediaan en 90e percentiel: dagen van het begin van de periode tot de sleuteloverdracht."
        ),
    ),
    (
        _("Wachttijdklassen"),
        _(
            "Wachtenden eind maand naar wachttijd: < 1 week (< 7 dagen), 1 week–1 maand (7–30), 1–3 maanden (31–91), 3–6 maanden (92–182), > 6 maanden (≥ 183)."
        ),
    ),
    (
        _("Terugval"),
        _(
            "Van de sleuteloverdrachten in de maand: terugval naar opvang of beschermd wonen binnen 180, 365 of 730 dagen. Nog open: op de peildatum is dat aantal dagen nog niet voor elke sleuteloverdracht van de maand verstreken, dus het aantal kan nog groeien."
        ),
    ),
    (
        _("Prognose"),
        _(
            "Verwachte wachtlijst aan het eind van het volgende jaar bij een gegeven aantal woningen, en het aantal woningen dat nodig is voor een mediane wachttijd van 90 dagen. Instroom: het gemiddelde van de laatste 12 maanden, met de groei ten opzichte van de 12 maanden daarvoor en het seizoenspatroon van beide jaren. Uitstroom: de woningen, verdeeld over de maanden; van de gehuisveste cliënten komt het terugvalpercentage (binnen 365 dagen) terug op de wachtlijst, en elke maand verlaat een deel de wachtlijst zonder woning (zoals in de laatste 12 maanden). Wachttijd: wachtlijst ÷ woningen per maand. Band: de wachtlijst bij een instroom aan de onder- en bovenkant van de 80%-marge. Met minder dan 12 maanden gegevens: geen prognose."
        ),
    ),
    (_("<5"), _("Bij rapportages buiten de regio worden aantallen van 1 tot en met 4 personen niet getoond.")),
    (_("x"), _("Niet getoond, omdat anders een niet-getoond klein aantal uit het totaal te berekenen is.")),
]
