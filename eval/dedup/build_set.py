"""Build the labelled dedup/story set: ``python eval/dedup/build_set.py`` rewrites the jsonl files.

Every article body below is hand-written. Syndicated copies are made the way outlets make
them: the same body with the outlet's headline, byline, footer, dateline and sometimes a
trimmed last paragraph. Gold labels follow from the construction: a copy duplicates its
original, and each event carries the happening (``story``) it reports; copies that trim a
paragraph lose the events of that paragraph. Outlets and agencies are fictional.
"""

from __future__ import annotations

import json
from pathlib import Path

HERE = Path(__file__).parent

BACKGROUND = (
    "Maduro was sworn in for a second term on Jan. 10 after an election that most of the opposition "
    "boycotted and that many foreign governments called fraudulent. The economy has shrunk by half "
    "during his rule and more than three million people have left the country."
)

# body id -> (paragraphs, events); an event is (paragraph, source, target, code, date, modality, story, trigger)
BODIES: dict[str, tuple[list[str], list[tuple]]] = {
    "us-recognizes": (
        [
            "WASHINGTON (Atlas Wire) - The United States on Wednesday recognized Venezuelan opposition leader "
            "Juan Guaido as the country's interim president, hours after he declared himself acting head of "
            "state before a crowd of supporters in Caracas.",
            "President Donald Trump said in a statement that the National Assembly, led by Guaido, was the only "
            "legitimate branch of government duly elected by the Venezuelan people, and he urged other Western "
            "Hemisphere governments to follow.",
            "Canada, Brazil and Colombia quickly announced similar moves, while officials in Washington said all "
            "options remained on the table if Nicolas Maduro's government used force against protesters.",
            BACKGROUND,
        ],
        [
            (0, "USA", "VEN", "054", "2019-01-23", "asserted", "us-recognizes-guaido", "recognized"),
            (2, "CAN", "VEN", "054", "2019-01-23", "asserted", "can-recognizes-guaido", "announced"),
            (2, "BRA", "VEN", "054", "2019-01-23", "asserted", "bra-recognizes-guaido", "announced"),
            (2, "COL", "VEN", "054", "2019-01-23", "asserted", "col-recognizes-guaido", "announced"),
            (2, "USA", "VEN", "138", "2019-01-23", "asserted", "us-threatens-force", "options"),
        ],
    ),
    "us-recognizes-meridian": (
        [
            "CARACAS, Jan 23 (Meridian Press) - Washington threw its weight behind Venezuela's opposition on "
            "Wednesday, formally recognising congress chief Juan Guaido as the nation's rightful leader after he "
            "swore himself in at a mass rally.",
            '"The citizens of Venezuela have suffered too long at the hands of the illegitimate Maduro regime," '
            "a White House statement said.",
            "Brazil's foreign ministry said it also backed Guaido as interim leader, and the secretary general of "
            "the Organization of American States welcomed the step in a message to the opposition.",
            "Thousands marched in Caracas and other cities, and rights groups reported at least 13 people killed "
            "in clashes with security forces during the day of protests.",
        ],
        [
            (0, "USA", "VEN", "054", "2019-01-23", "asserted", "us-recognizes-guaido", "recognising"),
            (2, "BRA", "VEN", "054", "2019-01-23", "asserted", "bra-recognizes-guaido", "backed"),
            (2, "IGO:OAS", "VEN", "051", "2019-01-23", "asserted", "oas-welcomes", "welcomed"),
        ],
    ),
    "russia-condemns": (
        [
            "MOSCOW (Atlas Wire) - Russia on Thursday accused the United States of trying to usurp power in "
            "Venezuela and warned Washington against any military intervention in the oil-rich country.",
            "Kremlin spokesman Dmitry Peskov said Nicolas Maduro remained the legitimate president, and Moscow "
            "pledged its continued support for his government against what it called a coup.",
            "Deputy Foreign Minister Sergei Ryabkov told reporters that intervention would be a catastrophic "
            "scenario that would shake the foundations of development in the region.",
            BACKGROUND,
        ],
        [
            (0, "RUS", "USA", "112", "2019-01-24", "asserted", "rus-accuses-us", "accused"),
            (1, "RUS", "VEN", "051", "2019-01-24", "asserted", "rus-backs-maduro", "support"),
        ],
    ),
    "russia-meridian": (
        [
            "MOSCOW, Jan 24 (Meridian Press) - The Kremlin stood firmly by Nicolas Maduro on Thursday, calling "
            "him Venezuela's only lawful leader and praising his efforts to defend the country's sovereignty.",
            "Russian officials criticised Washington's recognition of the opposition leader as a brazen attempt "
            "at regime change carried out from abroad.",
            "Analysts in Moscow said the Kremlin feared for billions of dollars in loans and oil investments. "
            "Some warned that Washington could impose further sanctions that would hurt Russian companies.",
        ],
        [
            (0, "RUS", "VEN", "051", "2019-01-24", "asserted", "rus-backs-maduro", "praising"),
            (1, "RUS", "USA", "111", "2019-01-24", "asserted", "rus-accuses-us", "criticised"),
            (2, "USA", "RUS", "163", "2019-01-24", "hypothetical", None, "sanctions"),
        ],
    ),
    "un-council": (
        [
            "UNITED NATIONS (Atlas Wire) - Russia's U.N. envoy Vassily Nebenzia on Saturday accused the United "
            "States of plotting a coup in Venezuela during a heated Security Council session called by Washington.",
            "Secretary of State Mike Pompeo urged the council to stand with the Venezuelan people and to back the "
            "National Assembly, saying the time had come for every nation to pick a side.",
            "The council did not vote on any resolution. Diplomats said Russia and China would veto any text that "
            "endorsed the opposition leader.",
        ],
        [
            (0, "RUS", "USA", "112", "2019-01-26", "asserted", "rus-accuses-us-at-un", "accused"),
            (1, "USA", "IGO:UN", "025", "2019-01-26", "asserted", "us-urges-un", "urged"),
        ],
    ),
    "maduro-breaks": (
        [
            "CARACAS, Jan 23 (Meridian Press) - Venezuelan President Nicolas Maduro said on Wednesday he was "
            "breaking diplomatic relations with the United States and gave American diplomats 72 hours to leave "
            "the country.",
            "Speaking from a balcony of the Miraflores palace, Maduro accused Washington of orchestrating a coup "
            "through its allies in the opposition and in the armed forces.",
            '"Get out of Venezuela, here there is dignity," he told a crowd of red-shirted supporters who waved '
            "flags and chanted against the opposition leader.",
            "The United States said it did not recognize Maduro's authority to cut ties and that its diplomats "
            "would stay in Caracas for now.",
        ],
        [
            (0, "VEN", "USA", "161", "2019-01-23", "asserted", "ven-breaks-relations", "breaking"),
            (1, "VEN", "USA", "112", "2019-01-23", "asserted", "ven-accuses-us", "accused"),
            (3, "USA", "VEN", "128", "2019-01-23", "asserted", "us-defies-expulsion", "recognize"),
        ],
    ),
    "maduro-breaks-atlas": (
        [
            "CARACAS (Atlas Wire) - Nicolas Maduro cut diplomatic ties with Washington on Wednesday in response "
            "to its recognition of the opposition leader, ordering U.S. embassy staff out within three days.",
            "The socialist leader, addressing supporters outside the presidential palace, said he would not "
            "accept orders from any foreign power.",
            "The Venezuelan military high command has so far stayed loyal to Maduro, and the defense minister "
            "was expected to speak later in the day.",
        ],
        [
            (0, "VEN", "USA", "161", "2019-01-23", "asserted", "ven-breaks-relations", "cut"),
            (0, "VEN", "USA", "1663", "2019-01-23", "asserted", "ven-breaks-relations", "ordering"),
        ],
    ),
    "us-staff-leave": (
        [
            "WASHINGTON (Atlas Wire) - The State Department on Thursday ordered non-emergency U.S. government "
            "employees to leave Venezuela, but said the embassy in Caracas would remain open despite Maduro's "
            "demand that all American diplomats depart.",
            "Secretary of State Mike Pompeo said the United States would not comply with the order to close the "
            "embassy, since it did not consider Maduro the country's president.",
            "Pompeo also announced 20 million dollars in humanitarian aid for the Venezuelan people, to be "
            "delivered through the interim government once routes were secured.",
            BACKGROUND,
        ],
        [
            (0, "USA", "VEN", "166", "2019-01-24", "asserted", "us-withdraws-staff", "ordered"),
            (1, "USA", "VEN", "128", "2019-01-24", "asserted", "us-defies-expulsion", "comply"),
            (2, "USA", "VEN", "073", "2019-01-24", "asserted", "us-humanitarian-aid", "aid"),
        ],
    ),
    "pdvsa-sanctions": (
        [
            "WASHINGTON (Atlas Wire) - The United States on Monday imposed sweeping sanctions on Venezuela's "
            "state oil company PDVSA, aiming to cut off the main source of revenue for Nicolas Maduro's government.",
            "Treasury Secretary Steven Mnuchin said the measures would block about 7 billion dollars in assets and "
            "result in 11 billion dollars in lost export proceeds over the next year.",
            "National Security Adviser John Bolton urged Venezuela's military to accept a peaceful, democratic "
            "and constitutional transfer of power.",
            BACKGROUND,
        ],
        [
            (0, "USA", "VEN", "163", "2019-01-28", "asserted", "us-sanctions-pdvsa", "sanctions"),
            (2, "USA", "VEN", "025", "2019-01-28", "asserted", "us-urges-military", "urged"),
        ],
    ),
    "pdvsa-meridian": (
        [
            "WASHINGTON, Jan 28 (Meridian Press) - Washington slapped sanctions on Venezuela's state-run oil firm "
            "on Monday, the toughest step yet in its campaign to force Nicolas Maduro from office.",
            "Under the measures, proceeds from PDVSA oil sales to the United States will be held in blocked "
            "accounts that only an opposition-led government can touch.",
            "Maduro called the sanctions theft and said he would take legal action in U.S. and international "
            "courts to defend the company and its refineries.",
        ],
        [
            (0, "USA", "VEN", "163", "2019-01-28", "asserted", "us-sanctions-pdvsa", "sanctions"),
            (2, "VEN", "USA", "112", "2019-01-28", "asserted", "ven-calls-sanctions-theft", "called"),
        ],
    ),
    "oil-prices": (
        [
            "NEW YORK (Capital Gazette) - Oil prices rose more than 2 percent on Monday after the United States "
            "imposed sanctions on Venezuela's state oil company, threatening supplies of heavy crude to Gulf Coast "
            "refiners.",
            "Brent crude futures settled at 61.32 dollars a barrel, while U.S. crude gained 1.3 percent. Traders "
            "said refiners would have to look to Canada, Iraq and Mexico for similar grades.",
            "Analysts said the impact on global markets would be limited because Venezuelan output had already "
            "fallen to its lowest level in decades.",
        ],
        [
            (0, "USA", "VEN", "163", "2019-01-28", "asserted", "us-sanctions-pdvsa", "sanctions"),
        ],
    ),
    "feb-sanctions": (
        [
            "WASHINGTON (Atlas Wire) - The United States on Thursday imposed sanctions on four more Venezuelan "
            "security officials it accused of blocking humanitarian aid at the Colombian border.",
            "The Treasury said the officials had ordered troops to set fire to trucks carrying food and medicine "
            "and had overseen the detention of opposition lawmakers.",
            BACKGROUND,
        ],
        [
            (0, "USA", "VEN", "163", "2019-02-07", "asserted", "us-sanctions-officials", "sanctions"),
        ],
    ),
    "china-opposes": (
        [
            "BEIJING, Jan 24 (Meridian Press) - China on Thursday criticised the United States for what it called "
            "interference in Venezuela's internal affairs, and urged all sides to resolve their differences "
            "peacefully.",
            "Foreign ministry spokeswoman Hua Chunying said Beijing supported the efforts of Maduro's government to "
            "protect the country's sovereignty, independence and stability.",
            "China has lent Venezuela more than 50 billion dollars over the past decade through oil-for-loan "
            "agreements, and Venezuela still owes it about 20 billion dollars.",
        ],
        [
            (0, "CHN", "USA", "111", "2019-01-24", "asserted", "chn-criticizes-us", "criticised"),
            (1, "CHN", "VEN", "051", "2019-01-24", "asserted", "chn-backs-maduro", "supported"),
        ],
    ),
    "eu-backs": (
        [
            "BRUSSELS (Atlas Wire) - The European Union on Monday threw its support behind Venezuela's National "
            "Assembly and its leader Juan Guaido, after Maduro ignored a deadline to call a new presidential "
            "election.",
            "Spain and France said separately that they recognized Guaido as interim president with the task of "
            "organizing free elections, and several other member states followed within hours.",
            "Italy blocked a joint statement by all 28 member states, diplomats said, exposing divisions within "
            "the bloc over how far to go.",
        ],
        [
            (0, "IGO:EU", "VEN", "051", "2019-02-04", "asserted", "eu-backs-assembly", "support"),
            (1, "ESP", "VEN", "054", "2019-02-04", "asserted", "esp-recognizes-guaido", "recognized"),
            (1, "FRA", "VEN", "054", "2019-02-04", "asserted", "fra-recognizes-guaido", "recognized"),
        ],
    ),
    "monthly-review": (
        [
            "CARACAS, March 1 (Meridian Press) - A month of diplomatic pressure has failed to dislodge Nicolas "
            "Maduro. Here is how the crisis unfolded.",
            "In January, the United States recognized opposition leader Juan Guaido as interim president, and "
            "dozens of countries in the Americas followed its lead.",
            "In February, the European Union backed the National Assembly, while aid convoys stalled at the "
            "Colombian border amid clashes that left several people dead.",
        ],
        [
            (1, "USA", "VEN", "054", "2019-01", "asserted", "us-recognizes-guaido", "recognized"),
            (2, "IGO:EU", "VEN", "051", "2019-02", "asserted", "eu-backs-assembly", "backed"),
        ],
    ),
    "mexico-mediates": (
        [
            "MEXICO CITY, Jan 24 (Meridian Press) - Mexico will not recognize Venezuelan opposition leader Juan "
            "Guaido as interim president, President Andres Manuel Lopez Obrador said on Thursday.",
            "Lopez Obrador offered to mediate between Maduro's government and the opposition together with "
            "Uruguay, saying dialogue was the only way out of the crisis.",
            "Uruguay's foreign ministry confirmed that it was ready to mediate and proposed an international "
            "conference in Montevideo in the coming weeks.",
        ],
        [
            (0, "MEX", "VEN", "054", "2019-01-24", "negated", None, "recognize"),
            (1, "MEX", "VEN", "039", "2019-01-24", "asserted", "mex-offers-mediation", "mediate"),
            (2, "URY", "VEN", "039", "2019-01-24", "asserted", "ury-offers-mediation", "mediate"),
        ],
    ),
    "eu-turkey-march": (
        [
            "BRUSSELS (Atlas Wire) - European Union and Turkish officials met in Brussels on Friday for their "
            "first high-level political dialogue in almost two years, with both sides saying relations remained "
            "strained.",
            "EU foreign policy chief Federica Mogherini criticised Ankara over the detention of journalists and "
            "the treatment of opposition politicians since the failed 2016 coup attempt.",
            "Turkish Foreign Minister Mevlut Cavusoglu said accession to the bloc remained a strategic goal and "
            "called for progress on visa-free travel for Turkish citizens.",
            "Accession talks have been effectively frozen since 2016, and the European Parliament has voted to "
            "suspend them formally.",
        ],
        [
            (0, "IGO:EU", "TUR", "040", "2019-03-15", "asserted", "eu-tur-talks-march", "met"),
            (1, "IGO:EU", "TUR", "111", "2019-03-15", "asserted", "eu-criticizes-tur", "criticised"),
        ],
    ),
    "eu-turkey-april": (
        [
            "ANKARA (Atlas Wire) - European Union and Turkish officials met in Ankara on Monday for talks on "
            "migration and energy, a month after a political dialogue in Brussels that both sides called "
            "difficult.",
            "The EU delegation praised Turkey for hosting nearly four million Syrian refugees and promised the "
            "second tranche of funds under the 2016 migration deal.",
            "Disputes over gas drilling off Cyprus overshadowed the meeting, with Brussels warning of measures if "
            "Turkish ships did not withdraw.",
        ],
        [
            (0, "IGO:EU", "TUR", "040", "2019-04-15", "asserted", "eu-tur-talks-april", "met"),
            (1, "IGO:EU", "TUR", "051", "2019-04-15", "asserted", "eu-praises-tur", "praised"),
        ],
    ),
    "india-strikes": (
        [
            "NEW DELHI (Atlas Wire) - Indian warplanes struck what New Delhi described as a militant training "
            "camp inside Pakistan on Tuesday, the first such raid across the de facto border since 1971.",
            "Foreign Secretary Vijay Gokhale said the strike killed a very large number of fighters preparing "
            "suicide attacks, a claim Pakistan rejected as self-serving and reckless.",
            "Pakistan's military spokesman said the country would respond at a time and place of its choosing, "
            "and Prime Minister Imran Khan convened the national security committee.",
            "Tension has been high since a suicide bombing in Kashmir killed 40 Indian paramilitary police on Feb. 14.",
        ],
        [
            (0, "IND", "PAK", "195", "2019-02-26", "asserted", "ind-airstrike", "struck"),
            (2, "PAK", "IND", "138", "2019-02-26", "asserted", "pak-threatens-response", "respond"),
        ],
    ),
    "india-meridian": (
        [
            "ISLAMABAD, Feb 26 (Meridian Press) - Pakistan vowed on Tuesday to retaliate after Indian jets bombed "
            "a hillside near the town of Balakot, in what India called a pre-emptive strike on militants.",
            "Pakistani officials said the bombs fell in an empty forest and caused no casualties, and they took "
            "foreign journalists to the site to show the damage.",
            "Residents said they were woken by loud explosions before dawn.",
        ],
        [
            (0, "PAK", "IND", "138", "2019-02-26", "asserted", "pak-threatens-response", "retaliate"),
            (0, "IND", "PAK", "195", "2019-02-26", "asserted", "ind-airstrike", "bombed"),
        ],
    ),
    "pakistan-strikes-back": (
        [
            "ISLAMABAD (Atlas Wire) - Pakistan said its air force shot down two Indian military jets on Wednesday "
            "and captured a pilot, a day after Indian warplanes struck inside its territory.",
            "India said it lost one MiG-21 fighter and that its air force shot down a Pakistani F-16 during the "
            "dogfight over Kashmir, a claim Islamabad denied.",
            "Both countries closed parts of their airspace, and several airlines cancelled flights in the region.",
        ],
        [
            (0, "PAK", "IND", "190", "2019-02-27", "asserted", "pak-downs-jets", "shot"),
            (1, "IND", "PAK", "190", "2019-02-27", "asserted", "ind-downs-f16", "shot"),
        ],
    ),
    "pilot-released": (
        [
            "LAHORE, March 1 (Meridian Press) - Pakistan handed back a captured Indian pilot at the Wagah border "
            "crossing on Friday, a gesture Prime Minister Imran Khan said was meant to ease tension.",
            "Khan called for talks with New Delhi and said the two nuclear-armed neighbours could not afford a "
            "miscalculation.",
            "Crowds waving Indian flags gathered on the other side of the border to greet the pilot.",
        ],
        [
            (0, "PAK", "IND", "0841", "2019-03-01", "asserted", "pak-releases-pilot", "handed"),
            (1, "PAK", "IND", "036", "2019-03-01", "asserted", "pak-calls-talks", "called"),
        ],
    ),
    "hanoi-preview": (
        [
            "WASHINGTON (Atlas Wire) - President Donald Trump will meet North Korean leader Kim Jong Un in Hanoi "
            "on Feb. 27, the White House said on Wednesday, their second summit in eight months.",
            "Officials said the talks would focus on concrete steps towards denuclearization and on a possible "
            "declaration ending the Korean War.",
            "Critics said the first summit in Singapore had produced vague commitments and no verifiable cuts to "
            "the North's arsenal.",
        ],
        [
            (0, "USA", "PRK", "040", "2019-02-27", "expected", "hanoi-summit", "meet"),
        ],
    ),
    "hanoi-summit": (
        [
            "HANOI (Atlas Wire) - U.S. President Donald Trump and North Korean leader Kim Jong Un met in Hanoi on "
            "Wednesday for the start of their second summit, shaking hands before a row of flags at a colonial-era "
            "hotel.",
            "Trump said he expected a very successful summit, and Kim said he would do his best to produce a "
            "result welcomed by all.",
            "The two leaders were scheduled to hold a one-on-one meeting and a dinner with aides, followed by "
            "formal talks on Thursday.",
            "Security was tight across the city, with streets near the hotel closed to traffic.",
        ],
        [
            (0, "USA", "PRK", "040", "2019-02-27", "asserted", "hanoi-summit", "met"),
        ],
    ),
    "hanoi-ends": (
        [
            "HANOI, Feb 28 (Meridian Press) - The second summit between Donald Trump and Kim Jong Un ended "
            "abruptly on Thursday without an agreement, after talks in Hanoi broke down over sanctions.",
            "Trump told reporters he had rejected North Korea's demand to lift all sanctions in exchange for "
            "closing only part of its main nuclear complex.",
            "A planned working lunch and signing ceremony were cancelled, and both leaders left the hotel within "
            "minutes of each other.",
        ],
        [
            (0, "USA", "PRK", "040", "2019-02-28", "asserted", "hanoi-summit", "talks"),
            (1, "USA", "PRK", "125", "2019-02-28", "asserted", "us-rejects-prk-demand", "rejected"),
        ],
    ),
    "prk-launch": (
        [
            "SEOUL, May 4 (Meridian Press) - North Korea fired several short-range projectiles into the sea off "
            "its east coast on Saturday, its first such launch since it suspended tests in 2017.",
            "South Korea's presidential office expressed deep concern about the launch and urged the North to "
            "return to talks on its nuclear programme.",
            "Analysts said the move was meant to pressure Washington after the failed summit in Hanoi.",
        ],
        [
            (0, "PRK", None, "150", "2019-05-04", "asserted", "prk-launch", "fired"),
            (1, "KOR", "PRK", "111", "2019-05-04", "asserted", "kor-concern-prk", "concern"),
        ],
    ),
    "harbor-budget": (
        [
            "The city council on Tuesday approved a 42 million dollar budget for the harbor district, including "
            "new lighting for the waterfront promenade and repairs to the old ferry terminal.",
            "Council members voted seven to two in favor after a long debate about parking fees.",
            "Work on the terminal is expected to begin in the spring and last about 18 months.",
        ],
        [],
    ),
    "inflation": (
        [
            "Venezuela's annual inflation reached more than 2 million percent in January, according to figures "
            "published by the opposition-controlled National Assembly.",
            "Economists said prices were doubling roughly every 19 days, and that the new currency introduced in "
            "August had already lost most of its value.",
            "Shops in Caracas have started to price goods in dollars, and many families depend on money sent "
            "home by relatives abroad.",
        ],
        [],
    ),
}

# Outlet wrappers: headline/byline above the body, footer below, how much is trimmed.
FOOTERS = {
    "dailycourier": [
        "Subscribe to the Daily Courier morning briefing for the news that matters.",
        "Follow us on social media for live updates from around the world.",
        "The Daily Courier is not responsible for the content of external sites.",
    ],
    "capitalgazette": ["The Capital Gazette newsroom contributed to this report."],
    "valleyherald": ["Sign up for Valley Herald breaking news alerts."],
}

# id, source, date, body, headline, options (byline, trim, exact, reporting, copyright, dateline)
ARTICLES: list[tuple[str, str, str, str, str, dict]] = [
    ("a01", "atlaswire", "2019-01-23", "us-recognizes", "US recognizes Venezuela opposition leader Guaido", {}),
    ("a02", "dailycourier", "2019-01-23", "us-recognizes", "Trump backs Guaido as Venezuela's leader", {}),
    (
        "a03",
        "harbortimes",
        "2019-01-23",
        "us-recognizes",
        "Washington recognizes Guaido",
        {"trim": 1, "reporting": "(Reporting by Lesley Wroughton and Roberta Rampton; Editing by Mary Milliken)"},
    ),
    (
        "a04",
        "ledger",
        "2019-01-24",
        "us-recognizes",
        "U.S. names opposition chief Venezuela's interim leader",
        {"copyright": True, "dateline": ("WASHINGTON (Atlas Wire) -", "WASHINGTON, Jan 23 (Atlas Wire) --")},
    ),
    ("a05", "northernpost", "2019-01-23", "us-recognizes", "", {"exact": True}),
    ("a06", "meridian", "2019-01-23", "us-recognizes-meridian", "US recognises Guaido", {}),
    (
        "a07",
        "capitalgazette",
        "2019-01-23",
        "us-recognizes-meridian",
        "White House: Maduro regime illegitimate",
        {"byline": "By Carla Mendes"},
    ),
    ("a08", "atlaswire", "2019-01-24", "russia-condemns", "Russia accuses U.S. of usurping power in Venezuela", {}),
    ("a09", "dailycourier", "2019-01-24", "russia-condemns", "Moscow warns Washington over Venezuela", {}),
    ("a10", "valleyherald", "2019-01-24", "russia-condemns", "Russia: Maduro is legitimate", {"trim": 1}),
    ("a11", "meridian", "2019-01-24", "russia-meridian", "Kremlin stands by Maduro", {}),
    ("a12", "meridian", "2019-01-23", "maduro-breaks", "Maduro breaks ties with the United States", {}),
    (
        "a13",
        "harbortimes",
        "2019-01-23",
        "maduro-breaks",
        "Maduro gives US diplomats 72 hours",
        {"reporting": "(Reporting by Meridian Press staff; Editing by Tom Brown)"},
    ),
    ("a14", "atlaswire", "2019-01-23", "maduro-breaks-atlas", "Venezuela cuts diplomatic ties with U.S.", {}),
    ("a15", "atlaswire", "2019-01-24", "us-staff-leave", "U.S. orders some staff out of Venezuela", {}),
    ("a16", "atlaswire", "2019-01-28", "pdvsa-sanctions", "U.S. sanctions Venezuela's PDVSA", {}),
    ("a17", "ledger", "2019-01-28", "pdvsa-sanctions", "Sanctions hit Venezuela oil giant", {"copyright": True}),
    ("a18", "meridian", "2019-01-28", "pdvsa-meridian", "Washington targets PDVSA", {}),
    ("a19", "atlaswire", "2019-02-07", "feb-sanctions", "U.S. sanctions four Venezuelan officials", {}),
    ("a20", "meridian", "2019-01-24", "china-opposes", "China opposes interference in Venezuela", {}),
    ("a21", "northernpost", "2019-01-24", "china-opposes", "Beijing backs Maduro", {"byline": "By Anna Petrova"}),
    ("a22", "atlaswire", "2019-02-04", "eu-backs", "EU backs Venezuela's National Assembly", {}),
    ("a23", "meridian", "2019-03-01", "monthly-review", "Venezuela crisis: a month of pressure", {}),
    ("a24", "meridian", "2019-01-24", "mexico-mediates", "Mexico offers to mediate in Venezuela", {}),
    ("a25", "valleyherald", "2019-01-24", "mexico-mediates", "Mexico, Uruguay offer mediation", {}),
    ("a26", "atlaswire", "2019-03-15", "eu-turkey-march", "EU and Turkey hold strained talks", {}),
    ("a27", "dailycourier", "2019-03-15", "eu-turkey-march", "Brussels and Ankara meet", {}),
    ("a28", "capitalgazette", "2019-03-16", "eu-turkey-march", "EU-Turkey dialogue resumes", {"trim": 1}),
    ("a29", "atlaswire", "2019-04-15", "eu-turkey-april", "EU and Turkey discuss migration", {}),
    ("a30", "atlaswire", "2019-02-26", "india-strikes", "India strikes militant camp in Pakistan", {}),
    ("a31", "valleyherald", "2019-02-26", "india-strikes", "Indian jets hit Pakistan", {"trim": 1}),
    ("a32", "meridian", "2019-02-26", "india-meridian", "Pakistan vows to retaliate", {}),
    ("a33", "atlaswire", "2019-02-27", "pakistan-strikes-back", "Pakistan says it downed two Indian jets", {}),
    ("a34", "meridian", "2019-03-01", "pilot-released", "Pakistan frees Indian pilot", {}),
    (
        "a35",
        "harbortimes",
        "2019-03-01",
        "pilot-released",
        "Indian pilot home after Pakistan release",
        {"reporting": "(Additional reporting by Meridian Press staff in New Delhi)"},
    ),
    ("a36", "atlaswire", "2019-02-20", "hanoi-preview", "Trump and Kim to meet in Hanoi", {}),
    ("a37", "atlaswire", "2019-02-27", "hanoi-summit", "Trump and Kim meet in Hanoi", {}),
    ("a38", "ledger", "2019-02-27", "hanoi-summit", "Second Trump-Kim summit opens", {"copyright": True}),
    ("a39", "meridian", "2019-02-28", "hanoi-ends", "Hanoi summit ends without a deal", {}),
    ("a40", "northernpost", "2019-02-28", "hanoi-ends", "", {"exact": True}),
    ("a41", "meridian", "2019-05-04", "prk-launch", "North Korea fires projectiles", {}),
    ("a42", "valleyherald", "2019-05-04", "prk-launch", "Pyongyang launches short-range projectiles", {}),
    ("a43", "dailycourier", "2019-01-22", "harbor-budget", "Council approves harbor budget", {}),
    ("a44", "dailycourier", "2019-02-10", "inflation", "Venezuela inflation tops 2 million percent", {}),
    ("a45", "capitalgazette", "2019-01-28", "oil-prices", "Oil rises on Venezuela sanctions", {}),
    ("a46", "capitalgazette", "2019-01-25", "russia-condemns", "", {"exact": True}),
    ("a47", "atlaswire", "2019-01-26", "un-council", "Russia accuses U.S. of coup plot at U.N.", {}),
]


def _exact_variant(text: str) -> str:
    """What a careless re-post does: case, spacing and punctuation change, words do not."""
    return text.upper().replace(" - ", " -- ").replace(", ", " ,  ").replace(".", " .")


def article_text(source: str, date: str, paragraphs: list[str], headline: str, options: dict) -> str:
    body = paragraphs[: len(paragraphs) - options.get("trim", 0)]
    if "dateline" in options:
        old, new = options["dateline"]
        body = [body[0].replace(old, new), *body[1:]]
    lines = [headline] if headline else []
    if options.get("copyright"):
        lines.append(f"Published: {date} 14:02 GMT")
    if "byline" in options:
        lines.append(options["byline"])
    lines += body
    if "reporting" in options:
        lines.append(options["reporting"])
    if options.get("copyright"):
        lines.append("Copyright 2019 Atlas Wire. All rights reserved.")
    lines += FOOTERS.get(source, [])
    return "\n\n".join(lines)


def build() -> None:
    first_of_body: dict[str, str] = {}
    texts: dict[str, str] = {}
    articles, pairs, events = [], [], []
    for article_id, source, date, body_id, headline, options in ARTICLES:
        paragraphs, body_events = BODIES[body_id]
        original = first_of_body.setdefault(body_id, article_id)
        if options.get("exact"):
            text = _exact_variant(texts[original])
        else:
            text = article_text(source, date, paragraphs, headline, options)
        texts[article_id] = text
        articles.append({"id": article_id, "source": source, "date": date, "title": headline or None, "text": text})
        if original != article_id:
            kind = "exact" if options.get("exact") else "near"
            pairs.append({"article_id": article_id, "duplicate_of": original, "kind": kind})
        kept = len(paragraphs) - options.get("trim", 0)
        number = 0
        for paragraph, src, tgt, code, when, modality, story, trigger in body_events:
            if paragraph >= kept:
                continue
            number += 1
            events.append(
                {
                    "id": f"e{number}", "article_id": article_id, "source": src, "target": tgt, "code": code,
                    "date": when, "modality": modality, "story": story, "trigger": trigger,
                    "sentence": paragraphs[paragraph],
                }
            )  # fmt: skip
    for name, rows in (("articles", articles), ("duplicate_pairs", pairs), ("events", events)):
        with (HERE / f"{name}.jsonl").open("w", encoding="utf-8") as handle:
            for row in rows:
                handle.write(json.dumps(row, ensure_ascii=False) + "\n")
    print(f"{len(articles)} articles, {len(pairs)} duplicate pairs, {len(events)} events")


if __name__ == "__main__":
    build()
