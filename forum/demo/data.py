"""Facts and name pools for the demo forum.

The event, its organisers, themes and public speakers are real (press reports
of the forum of 6 May 2024). Delegates and companies are invented: no real
private person appears in the demo.
"""

from forum.programme.models import SessionFormat as F
from forum.registration.models import OrganisationType as O

EVENT = {
    "slug": "eu-ua-dif-2024",
    "name": "EU-Ukraine Defence Industry Forum",
    "short_name": "EU-UA Defence Industry Forum",
    "venue": "Venue communicated to accredited delegates",
    "city": "Brussels",
    "country": "BE",
    "organisers": (
        "European External Action Service (EEAS), with the support of the Belgian Presidency "
        "of the Council of the EU and the Aerospace, Security and Defence Industries "
        "Association of Europe (ASD)"
    ),
    "description": (
        "A high-level conference and a series of thematic working sessions bringing together "
        "over 350 representatives of EU institutions, governments, European and Ukrainian "
        "defence industries, industry associations and key partner countries to build joint "
        "production."
    ),
    "name_uk": "Форум оборонної промисловості ЄС-Україна",
    "short_name_uk": "Оборонний форум ЄС-Україна",
    "venue_uk": "Місце проведення повідомляється акредитованим делегатам",
    "city_uk": "Брюссель",
    "organisers_uk": (
        "Європейська служба зовнішніх справ (ЄСЗС) за підтримки бельгійського "
        "головування в Раді ЄС та Асоціації аерокосмічної, безпекової та оборонної "
        "промисловості Європи (ASD)"
    ),
    "description_uk": (
        "Конференція високого рівня та низка тематичних робочих сесій, що обʼєднують "
        "понад 350 представників інституцій ЄС, урядів, європейської та української "
        "оборонної промисловості, галузевих асоціацій і ключових країн-партнерів "
        "заради спільного виробництва."
    ),
    "mail_footer": (
        "Registration and accreditation: accreditation@forum.example\n"
        "Programme and speakers: programme@forum.example"
    ),
    "mail_footer_uk": (
        "Реєстрація та акредитація: accreditation@forum.example\n"
        "Програма та доповідачі: programme@forum.example"
    ),
    "timezone": "Europe/Brussels",
    "delegate_capacity": 400,
}
EVENT_DAY = (2024, 5, 6)

ROOMS = [
    ("Plenary Hall", 450, "Interpretation EN/UK/FR; stage for 8"),
    ("Room Kyiv", 90, ""),
    ("Room Brussels", 90, ""),
    ("Room Lviv", 60, ""),
    ("Room Ghent", 60, ""),
    ("Bilateral Meeting Area", 24, "Six tables of four"),
]

# (start, end, room, format, theme, title, speakers)
# speakers: (name of a public figure or "delegate", role)
SESSIONS = [
    (
        "09:00",
        "09:40",
        "Plenary Hall",
        F.PLENARY,
        "Opening",
        "Opening of the forum",
        [("Josep Borrell", "keynote"), ("Ludivine Dedonder", "keynote")],
    ),
    (
        "09:40",
        "10:40",
        "Plenary Hall",
        F.PANEL,
        "Integration of the Ukrainian defence industry",
        "Integrating Ukraine's defence industry into the European one",
        [
            ("Thierry Breton", "keynote"),
            ("Oleksandr Kamyshin", "panellist"),
            ("Herman Smetanin", "panellist"),
            ("delegate", "moderator"),
        ],
    ),
    (
        "11:00",
        "12:30",
        "Room Kyiv",
        F.WORKING_SESSION,
        "Air and missile defence",
        "Air and missile defence: systems and interceptors",
        [("delegate", "moderator"), ("delegate", "panellist"), ("delegate", "rapporteur")],
    ),
    (
        "11:00",
        "12:30",
        "Room Brussels",
        F.WORKING_SESSION,
        "Missile and drone munitions",
        "Missile and drone munitions at scale",
        [("delegate", "moderator"), ("delegate", "panellist"), ("delegate", "rapporteur")],
    ),
    (
        "11:00",
        "12:30",
        "Room Lviv",
        F.WORKING_SESSION,
        "Electronic warfare",
        "Electronic warfare: lessons from the front and joint development",
        [("delegate", "moderator"), ("delegate", "rapporteur")],
    ),
    (
        "11:00",
        "12:30",
        "Room Ghent",
        F.WORKING_SESSION,
        "Armoured vehicles and maintenance",
        "Armoured vehicles and maintenance of systems in the field (Caesar and others)",
        [("delegate", "moderator"), ("delegate", "rapporteur")],
    ),
    (
        "13:30",
        "15:00",
        "Room Kyiv",
        F.WORKING_SESSION,
        "Artillery and ammunition",
        "Artillery and ammunition production",
        [("Sébastien Lecornu", "keynote"), ("delegate", "moderator"), ("delegate", "rapporteur")],
    ),
    (
        "13:30",
        "15:00",
        "Room Brussels",
        F.WORKING_SESSION,
        "Combat aircraft",
        "Combat aircraft and aviation weapons",
        [("delegate", "moderator"), ("delegate", "rapporteur")],
    ),
    (
        "13:30",
        "15:00",
        "Room Lviv",
        F.WORKING_SESSION,
        "Long-range capabilities",
        "Long-range capabilities",
        [("delegate", "moderator"), ("delegate", "rapporteur")],
    ),
    (
        "13:30",
        "15:00",
        "Room Ghent",
        F.WORKING_SESSION,
        "Explosives",
        "Supply of explosives and energetic materials",
        [("delegate", "moderator"), ("delegate", "rapporteur")],
    ),
    (
        "15:30",
        "17:00",
        "Room Kyiv",
        F.WORKING_SESSION,
        "Joint ventures and investment",
        "Joint ventures, co-financing and investment",
        [("Rustem Umerov", "keynote"), ("delegate", "moderator"), ("delegate", "rapporteur")],
    ),
    (
        "15:30",
        "17:00",
        "Room Brussels",
        F.WORKING_SESSION,
        "EDIS",
        "Implementing the European Defence Industrial Strategy (EDIS)",
        [("Kaja Kallas", "keynote"), ("delegate", "moderator"), ("delegate", "rapporteur")],
    ),
    (
        "15:30",
        "17:00",
        "Room Lviv",
        F.PANEL,
        "Integration of the Ukrainian defence industry",
        "Standards, certification and export control for joint production",
        [("delegate", "moderator"), ("delegate", "panellist"), ("delegate", "panellist")],
    ),
    (
        "15:30",
        "17:00",
        "Room Ghent",
        F.WORKING_SESSION,
        "Missile and drone munitions",
        "Drone ecosystems: components, supply chains and scale-up",
        [("delegate", "moderator"), ("delegate", "rapporteur")],
    ),
    (
        "13:30",
        "14:00",
        "Bilateral Meeting Area",
        F.BILATERAL,
        "B2B meetings",
        "B2B meetings, slot 1",
        [],
    ),
    (
        "14:00",
        "14:30",
        "Bilateral Meeting Area",
        F.BILATERAL,
        "B2B meetings",
        "B2B meetings, slot 2",
        [],
    ),
    (
        "14:30",
        "15:00",
        "Bilateral Meeting Area",
        F.BILATERAL,
        "B2B meetings",
        "B2B meetings, slot 3",
        [],
    ),
    (
        "15:30",
        "16:00",
        "Bilateral Meeting Area",
        F.BILATERAL,
        "B2B meetings",
        "B2B meetings, slot 4",
        [],
    ),
    (
        "16:00",
        "16:30",
        "Bilateral Meeting Area",
        F.BILATERAL,
        "B2B meetings",
        "B2B meetings, slot 5",
        [],
    ),
    (
        "16:30",
        "17:00",
        "Bilateral Meeting Area",
        F.BILATERAL,
        "B2B meetings",
        "B2B meetings, slot 6",
        [],
    ),
    (
        "17:15",
        "18:00",
        "Plenary Hall",
        F.PLENARY,
        "Closing",
        "Report-back from the working sessions and closing",
        [("Dmytro Kuleba", "keynote"), ("delegate", "moderator")],
    ),
    ("18:00", "19:30", "Plenary Hall", F.PLENARY, "Networking", "Networking reception", []),
]

# Ukrainian versions of the rooms, themes and titles above (by their English words).
ROOMS_UK = {
    "Plenary Hall": "Пленарна зала",
    "Room Kyiv": "Зала «Київ»",
    "Room Brussels": "Зала «Брюссель»",
    "Room Lviv": "Зала «Львів»",
    "Room Ghent": "Зала «Гент»",
    "Bilateral Meeting Area": "Зона двосторонніх зустрічей",
}
THEMES_UK = {
    "Opening": "Відкриття",
    "Integration of the Ukrainian defence industry": (
        "Інтеграція української оборонної промисловості"
    ),
    "Air and missile defence": "Протиповітряна та протиракетна оборона",
    "Missile and drone munitions": "Ракетні боєприпаси та боєприпаси для дронів",
    "Electronic warfare": "Радіоелектронна боротьба",
    "Armoured vehicles and maintenance": "Бронетехніка та її обслуговування",
    "Artillery and ammunition": "Артилерія та боєприпаси",
    "Combat aircraft": "Бойова авіація",
    "Long-range capabilities": "Засоби ураження великої дальності",
    "Explosives": "Вибухові речовини",
    "Joint ventures and investment": "Спільні підприємства та інвестиції",
    "EDIS": "Стратегія EDIS",
    "B2B meetings": "Зустрічі B2B",
    "Closing": "Закриття",
    "Networking": "Неформальне спілкування",
}
TITLES_UK = {
    "Opening of the forum": "Відкриття форуму",
    "Integrating Ukraine's defence industry into the European one": (
        "Інтеграція оборонної промисловості України в європейську"
    ),
    "Air and missile defence: systems and interceptors": (
        "Протиповітряна та протиракетна оборона: системи та ракети-перехоплювачі"
    ),
    "Missile and drone munitions at scale": (
        "Ракетні боєприпаси та боєприпаси для дронів: виробництво в масштабі"
    ),
    "Electronic warfare: lessons from the front and joint development": (
        "Радіоелектронна боротьба: уроки фронту та спільні розробки"
    ),
    "Armoured vehicles and maintenance of systems in the field (Caesar and others)": (
        "Бронетехніка та обслуговування систем у польових умовах (Caesar та інші)"
    ),
    "Artillery and ammunition production": "Виробництво артилерії та боєприпасів",
    "Combat aircraft and aviation weapons": "Бойова авіація та авіаційне озброєння",
    "Long-range capabilities": "Засоби ураження великої дальності",
    "Supply of explosives and energetic materials": (
        "Постачання вибухових речовин та енергетичних матеріалів"
    ),
    "Joint ventures, co-financing and investment": (
        "Спільні підприємства, співфінансування та інвестиції"
    ),
    "Implementing the European Defence Industrial Strategy (EDIS)": (
        "Реалізація Європейської стратегії оборонної промисловості (EDIS)"
    ),
    "Standards, certification and export control for joint production": (
        "Стандарти, сертифікація та експортний контроль у спільному виробництві"
    ),
    "Drone ecosystems: components, supply chains and scale-up": (
        "Екосистеми дронів: компоненти, ланцюги постачання та нарощування виробництва"
    ),
    **{f"B2B meetings, slot {n}": f"Зустрічі B2B, блок {n}" for n in range(1, 7)},
    "Report-back from the working sessions and closing": (
        "Підсумки робочих сесій і закриття форуму"
    ),
    "Networking reception": "Прийом і неформальне спілкування",
}
ENTRANCE = ("Venue entrance", "Вхід до місця проведення")

# (name, title, position, organisation, country)
PUBLIC_SPEAKERS = [
    (
        "Josep Borrell",
        "",
        "High Representative of the Union for Foreign Affairs and Security "
        "Policy / Vice-President of the European Commission",
        "European Union",
        "",
    ),
    ("Thierry Breton", "", "European Commissioner for Internal Market", "European Commission", ""),
    ("Ludivine Dedonder", "", "Minister of Defence", "Government of Belgium", "BE"),
    ("Oleksandr Kamyshin", "", "Minister of Strategic Industries", "Government of Ukraine", "UA"),
    ("Rustem Umerov", "", "Minister of Defence", "Government of Ukraine", "UA"),
    ("Sébastien Lecornu", "", "Minister of the Armed Forces", "Government of France", "FR"),
    ("Kaja Kallas", "", "Prime Minister", "Government of Estonia", "EE"),
    ("Herman Smetanin", "", "Director General", "Ukrainian Defense Industry (Ukroboronprom)", "UA"),
    ("Dmytro Kuleba", "", "Minister for Foreign Affairs", "Government of Ukraine", "UA"),
]

# The public speakers' biographies, and their positions and organisations in Ukrainian
# (as of the forum, May 2024; from their official pages and press reports).
SPEAKER_TEXTS = {
    "Josep Borrell": {
        "position_uk": (
            "Високий представник Союзу з питань закордонних справ і безпекової політики / "
            "віцепрезидент Європейської комісії"
        ),
        "organisation_uk": "Європейський Союз",
        "bio": (
            "High Representative of the Union for Foreign Affairs and Security Policy and "
            "Vice-President of the European Commission since December 2019. Previously Spain's "
            "Minister for Foreign Affairs, the European Union and Cooperation (2018–2019) and "
            "President of the European Parliament (2004–2007)."
        ),
        "bio_uk": (
            "Високий представник Союзу з питань закордонних справ і безпекової політики та "
            "віцепрезидент Європейської комісії з грудня 2019 року. Раніше — міністр "
            "закордонних справ, у справах Європейського Союзу та співробітництва Іспанії "
            "(2018–2019) і голова Європейського парламенту (2004–2007)."
        ),
    },
    "Thierry Breton": {
        "position_uk": "Європейський комісар з питань внутрішнього ринку",
        "organisation_uk": "Європейська комісія",
        "bio": (
            "European Commissioner for the Internal Market since December 2019, responsible "
            "among other things for the defence industry and space. Previously chairman and "
            "CEO of Atos (2008–2019) and France's Minister of the Economy, Finance and Industry "
            "(2005–2007)."
        ),
        "bio_uk": (
            "Європейський комісар з питань внутрішнього ринку з грудня 2019 року; серед іншого "
            "відповідає за оборонну промисловість і космос. Раніше — голова правління та "
            "генеральний директор Atos (2008–2019) і міністр економіки, фінансів і "
            "промисловості Франції (2005–2007)."
        ),
    },
    "Ludivine Dedonder": {
        "position_uk": "Міністерка оборони",
        "organisation_uk": "Уряд Бельгії",
        "bio": (
            "Belgium's Minister of Defence since October 2020. Belgium holds the Presidency of "
            "the Council of the European Union from January to June 2024 and supports the forum."
        ),
        "bio_uk": (
            "Міністерка оборони Бельгії з жовтня 2020 року. Бельгія головує в Раді "
            "Європейського Союзу із січня по червень 2024 року та підтримує форум."
        ),
    },
    "Oleksandr Kamyshin": {
        "position_uk": "Міністр з питань стратегічних галузей промисловості",
        "organisation_uk": "Уряд України",
        "bio": (
            "Ukraine's Minister of Strategic Industries since September 2023, responsible for "
            "the country's defence production. Previously chairman of the board of "
            "Ukrzaliznytsia, Ukraine's railways (2021–2023), which kept running through the "
            "full-scale invasion."
        ),
        "bio_uk": (
            "Міністр з питань стратегічних галузей промисловості України з вересня 2023 року, "
            "відповідає за оборонне виробництво країни. Раніше — голова правління "
            "«Укрзалізниці» (2021–2023), яка працювала попри повномасштабне вторгнення."
        ),
    },
    "Rustem Umerov": {
        "position_uk": "Міністр оборони",
        "organisation_uk": "Уряд України",
        "bio": (
            "Ukraine's Minister of Defence since September 2023. Previously head of the State "
            "Property Fund of Ukraine (2022–2023) and a member of the Verkhovna Rada "
            "(2019–2022); took part in the talks on prisoner exchanges and the Black Sea grain "
            "corridor."
        ),
        "bio_uk": (
            "Міністр оборони України з вересня 2023 року. Раніше — голова Фонду державного "
            "майна України (2022–2023) і народний депутат України (2019–2022); брав участь у "
            "переговорах про обмін полоненими та зерновий коридор у Чорному морі."
        ),
    },
    "Sébastien Lecornu": {
        "position_uk": "Міністр збройних сил",
        "organisation_uk": "Уряд Франції",
        "bio": (
            "France's Minister of the Armed Forces since May 2022. Previously Minister for the "
            "Overseas (2020–2022) and Minister for Local Authorities (2018–2020)."
        ),
        "bio_uk": (
            "Міністр збройних сил Франції з травня 2022 року. Раніше — міністр заморських "
            "територій (2020–2022) і міністр у справах територіальних громад (2018–2020)."
        ),
    },
    "Kaja Kallas": {
        "position_uk": "Премʼєр-міністерка",
        "organisation_uk": "Уряд Естонії",
        "bio": (
            "Prime Minister of Estonia since January 2021 and leader of the Estonian Reform "
            "Party since 2018. Previously a Member of the European Parliament (2014–2018)."
        ),
        "bio_uk": (
            "Премʼєр-міністерка Естонії з січня 2021 року й очільниця Партії реформ Естонії з "
            "2018 року. Раніше — депутатка Європейського парламенту (2014–2018)."
        ),
    },
    "Herman Smetanin": {
        "position_uk": "Генеральний директор",
        "organisation_uk": "АТ «Українська оборонна промисловість» (Укроборонпром)",
        "bio": (
            "Director General of JSC Ukrainian Defense Industry (Ukroboronprom), the state "
            "group of Ukrainian defence manufacturers, since 2023. Previously head of the "
            "Malyshev Plant in Kharkiv."
        ),
        "bio_uk": (
            "Генеральний директор АТ «Українська оборонна промисловість» (Укроборонпром), "
            "державної групи оборонних підприємств України, з 2023 року. Раніше очолював "
            "Завод імені Малишева в Харкові."
        ),
    },
    "Dmytro Kuleba": {
        "position_uk": "Міністр закордонних справ",
        "organisation_uk": "Уряд України",
        "bio": (
            "Ukraine's Minister for Foreign Affairs since March 2020. Previously Deputy Prime "
            "Minister for European and Euro-Atlantic Integration (2019–2020) and Ukraine's "
            "Permanent Representative to the Council of Europe (2016–2019)."
        ),
        "bio_uk": (
            "Міністр закордонних справ України з березня 2020 року. Раніше — віцепремʼєр-міністр "
            "з питань європейської та євроатлантичної інтеграції (2019–2020) і постійний "
            "представник України при Раді Європи (2016–2019)."
        ),
    },
}

LATIN_GIVEN = [
    "Sébastien",
    "Ludivine",
    "Władysław",
    "Zoë",
    "Jürgen",
    "Łukasz",
    "Małgorzata",
    "François",
    "Søren",
    "Åsa",
    "Jiří",
    "Tomáš",
    "Ana",
    "João",
    "Inês",
    "Ramón",
    "Ľubica",
    "Héloïse",
    "Björn",
    "Ørjan",
    "Mārtiņš",
    "Rūta",
    "Kęstutis",
    "Chloé",
    "Matthias",
    "Elena",
    "Giulia",
    "Pieter",
    "Katarzyna",
    "Ilse",
    "Zsófia",
    "Dávid",
    "Mihai",
    "Ioana",
    "Nikolaos",
    "Eleni",
    "Anne-Claire",
    "Jean-Baptiste",
    "Oleksandr",
    "Kateryna",
    "Mykola",
    "Iryna",
]
LATIN_FAMILY = [
    "Dubois",
    "Nowak",
    "Kowalczyk",
    "Müller",
    "Schröder",
    "Lefèvre",
    "Rossi",
    "Bianchi",
    "García",
    "Fernández",
    "Novák",
    "Dvořák",
    "Jørgensen",
    "Andersson",
    "Kovács",
    "Popescu",
    "Papadopoulos",
    "van den Berg",
    "De Smet",
    "Virtanen",
    "Kalniņš",
    "Kazlauskas",
    "Horvat",
    "Ferreira",
    "Wiśniewski",
    "Ó Briain",
    "Haßler",
    "Çelik",
    "Tkachenko",
    "Hnatiuk",
    "Vandenbroucke-Delacroix",
    "Ramírez de la Fuente",
]
CYRILLIC_GIVEN = [
    "Олександр",
    "Олена",
    "Дмитро",
    "Ірина",
    "Андрій",
    "Наталія",
    "Сергій",
    "Юлія",
    "Богдан",
    "Оксана",
    "Тарас",
    "Марʼяна",
    "Віталій",
    "Людмила",
    "Ярослав",
    "Катерина",
    "Євген",
    "Ганна",
]
CYRILLIC_FAMILY = [
    "Шевченко",
    "Коваленко",
    "Бондаренко",
    "Ткаченко",
    "Кравченко",
    "Мельник",
    "Бойко",
    "Савченко",
    "Руденко",
    "Литвиненко",
    "Марченко",
    "Гнатюк",
    "Зінченко",
    "Павленко",
    "Федорович",
    "Їжакевич",
]
TITLES = ["", "", "", "Dr", "Prof.", "Mr", "Ms", "Gen.", "Col.", "H.E."]

JOB_TITLES = [
    "Head of Unit",
    "Policy Officer",
    "Director General",
    "Deputy Minister",
    "Chief Executive",
    "Business Development Director",
    "Head of International Cooperation",
    "Programme Manager",
    "Chief Engineer",
    "Procurement Director",
    "Defence Attaché",
    "Senior Adviser",
    "Head of Export Control",
    "Journalist",
    "Founder",
    "Investment Manager",
]

ORGANISATIONS = {
    O.EU_INSTITUTION: [
        ("European External Action Service", "BE"),
        ("European Commission, DG DEFIS", "BE"),
        ("European Defence Agency", "BE"),
        ("European Investment Bank", "LU"),
        ("General Secretariat of the Council of the EU", "BE"),
    ],
    O.EU_GOVERNMENT: [
        ("Ministry of Defence of Belgium", "BE"),
        ("Ministère des Armées", "FR"),
        ("Ministerstwo Obrony Narodowej", "PL"),
        ("Bundesministerium der Verteidigung", "DE"),
        ("Ministero della Difesa", "IT"),
        ("Ministry of Defence of Estonia", "EE"),
        ("Ministerio de Defensa", "ES"),
        ("Försvarsdepartementet", "SE"),
        ("Ministry of National Defence of Lithuania", "LT"),
        ("Ministerie van Defensie", "NL"),
    ],
    O.UA_GOVERNMENT: [
        ("Ministry of Strategic Industries of Ukraine", "UA"),
        ("Міністерство оборони України", "UA"),
        ("Ministry of Foreign Affairs of Ukraine", "UA"),
        ("Агенція оборонних закупівель", "UA"),
    ],
    O.EU_INDUSTRY: [
        ("Vistula Armaments S.A.", "PL"),
        ("Rhein Optronik GmbH", "DE"),
        ("Aérostructures du Midi SAS", "FR"),
        ("Baltic Shield UAB", "LT"),
        ("Iberia Defence Systems S.L.", "ES"),
        ("Danube Electronics SRL", "RO"),
        ("Nordlys Missile Technologies AB", "SE"),
        ("Tatra Field Systems a.s.", "CZ"),
        ("Adriatic Naval Works d.o.o.", "HR"),
        ("Ardennes Munitions SA", "BE"),
    ],
    O.UA_INDUSTRY: [
        ("Kyiv Drone Works", "UA"),
        ("Dnipro Rocket Systems", "UA"),
        ("Полтавські оборонні системи", "UA"),
        ("Lviv Electronic Warfare Lab", "UA"),
        ("Odesa Maritime Drones", "UA"),
        ("Чернігівська радіотехніка", "UA"),
        ("Kharkiv Armour Repair", "UA"),
    ],
    O.ASSOCIATION: [
        ("Aerospace, Security and Defence Industries Association of Europe (ASD)", "BE"),
        ("National Association of Ukrainian Defence Industries", "UA"),
        ("European Defence Start-up Network", "NL"),
    ],
    O.PARTNER: [
        ("NATO Support and Procurement Agency", "LU"),
        ("Ministry of Defence of Norway", "NO"),
        ("UK Ministry of Defence", "GB"),
        ("Mission of Canada to the EU", "CA"),
        ("Mission of Japan to the EU", "JP"),
        ("US Mission to the EU", "US"),
    ],
    O.PRESS: [
        ("European Defence Review", "BE"),
        ("Kyiv Security Monitor", "UA"),
        ("Brussels Defence Wire", "BE"),
        ("Baltic Security Weekly", "LV"),
    ],
}

UKRAINIAN_TO_LATIN = dict(
    zip(
        "абвгґдеєжзиіїйклмнопрстуфхцчшщьюя'",
        [
            "a",
            "b",
            "v",
            "h",
            "g",
            "d",
            "e",
            "ie",
            "zh",
            "z",
            "y",
            "i",
            "i",
            "i",
            "k",
            "l",
            "m",
            "n",
            "o",
            "p",
            "r",
            "s",
            "t",
            "u",
            "f",
            "kh",
            "ts",
            "ch",
            "sh",
            "shch",
            "",
            "iu",
            "ia",
            "",
        ],
        strict=True,
    )
)
