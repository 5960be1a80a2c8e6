"""Word lists for classifying source phrases (organisations, roles, titles, documents, places, names).

Data for `workbench.extraction.sources`: what kind of noun heads a source phrase, which titles a definite
description refers back to, and a small first-name lexicon for pronoun gender.
"""

from __future__ import annotations

import re

from workbench.text.wordsets import word_set

# Outlets and agencies: the channel of "told AFP", and the canonical name of an alias.
OUTLET_ALIASES = {
    "agence france-presse": "AFP", "agence france presse": "AFP", "afp": "AFP",
    "associated press": "AP", "the associated press": "AP", "ap": "AP", "reuters": "Reuters",
    "thomson reuters": "Reuters", "bbc": "BBC", "british broadcasting corporation": "BBC",
    "cnn": "CNN", "fox news": "Fox News", "nbc": "NBC", "nbc news": "NBC", "abc": "ABC", "abc news": "ABC",
    "cbs": "CBS", "cbs news": "CBS", "msnbc": "MSNBC", "npr": "NPR", "bloomberg": "Bloomberg",
    "the new york times": "The New York Times", "new york times": "The New York Times",
    "the washington post": "The Washington Post", "washington post": "The Washington Post",
    "the wall street journal": "The Wall Street Journal", "wall street journal": "The Wall Street Journal",
    "the guardian": "The Guardian", "al jazeera": "Al Jazeera", "politico": "Politico", "axios": "Axios",
    "dpa": "DPA", "xinhua": "Xinhua", "kyodo": "Kyodo", "efe": "EFE", "ansa": "ANSA", "tass": "TASS",
}  # fmt: skip

ORG_WORDS = word_set(
    """department ministry council party campaign committee times post news agency commission court office
    administration government police congress senate house pentagon kremlin university institute center
    centre bank fund foundation association union organization organisation corporation company inc corp
    ltd group network board bureau service services army navy military forces force embassy federation
    league coalition alliance staff team press journal tribune herald reuters afp ap cnn bbc fbi cia nsa
    cross society street programme program lines airlines airways shipping holdings industries technologies
    systems motors energy electric utility utilities charity capital partners securities insurance
    logistics pharmaceuticals mining petroleum telecom exchange patrol security protection guard
    customs commissioner's institution observatory monitor unicef unesco unhcr ocha fao wfp who
    imf un nato eu who gop dnc rnc politifact parliament cabinet secretariat authority authorities
    commission mission movement front assembly legislature council state tribe tribes nation midstream
    upstream resources ventures labs therapeutics biosciences minerals communications solutions brands
    foods media entertainment semiconductor semiconductors railway railways railroad airline"""
)

DOCUMENT_WORDS = word_set(
    """report reports statement statements tweet tweets poll polls survey surveys study studies filing
    filings letter letters memo memos document documents data analysis post posts article articles email
    emails book video ad ads advertisement complaint lawsuit ruling order transcript release website
    indictment affidavit census figures records record findings research paper papers estimate estimates
    projections message messages speech interview count tally copy copies statistics audit audits
    assessment review minutes footage recording transcript numbers results analyses average averages
    """
)

PERSON_ROLES = word_set(
    """official officials source sources diplomat diplomats analyst analysts expert experts aide aides
    spokesman spokeswoman spokesperson spokespeople adviser advisers advisor advisors observer observers
    insider insiders officer officers lawmaker lawmakers critic critics supporter supporters resident
    residents witness witnesses activist activists member members leader leaders person people someone
    investigator investigators researcher researchers economist economists strategist strategists
    voter voters democrats republicans candidate candidates scientist scientists doctor doctors
    commander commanders minister ministers lawyer lawyers attorney attorneys prosecutor prosecutors
    executive executives employee employees worker workers staffer staffers associate associates
    friend friends colleague colleagues student students teacher teachers protester protesters
    trader traders farmer farmers banker bankers broker brokers dealer dealers people villager villagers
    parent parents patient patients survivor survivors engineer engineers"""
)

TITLES = word_set(
    """mr mr. mrs mrs. ms ms. dr dr. prof prof. gen gen. sen sen. rep rep. gov gov. president secretary
    senator governor representative minister premier chancellor mayor judge justice general colonel
    ambassador sheikh cleric spokesman chairman chairwoman chief director leader king queen prince pope
    lt. col. capt. sgt. adm. speaker candidate nominee"""
)

# Capitals and countries speak as governments ("Washington has threatened", "Moscow said").
PLACES = word_set(
    """washington moscow beijing tehran teheran london paris berlin tokyo kyiv kiev ankara riyadh cairo
    damascus baghdad jerusalem brussels pyongyang seoul delhi islamabad kabul ottawa canberra madrid rome
    america russia china iran iraq israel syria turkey britain france germany japan ukraine india pakistan
    us u.s. uk u.k. eu nato un u.n. kremlin pentagon"""
)

# Titles that a definite description refers back to: "the Minister added" -> Dr Elijah Muchima.
BACK_ROLES = word_set(
    """president minister governor mayor senator secretary chancellor premier ambassador director chairman
    chairwoman commissioner spokesman spokeswoman spokesperson judge prosecutor sheriff general colonel"""
)

ROLE_ABBREVIATIONS = {
    "gov": "governor",
    "sen": "senator",
    "gen": "general",
    "col": "colonel",
    "pres": "president",
}

# Organisation nouns that refer back to an organisation cited before: "the company said".
GENERIC_ORG_NOUNS = word_set(
    """company firm group utility charity organisation organization operator carrier airline insurer lender
    retailer manufacturer maker producer miner developer startup conglomerate"""
)

ORG_TYPE = (
    r"(?:company|group|charity|authority|agency|firm|utility|organi[sz]ation|regulator|operator|insurer|lender|"
    r"bank|carrier|airline|manufacturer|maker|producer|retailer|institute|NGO|nonprofit|non-profit|union|"
    r"association|foundation|body|broadcaster|publisher|distributor|supplier|miner|developer|fund)"
)

ORG_BACK_NOUNS = GENERIC_ORG_NOUNS | word_set("ministry department agency institute council commission bank")

GOVERNMENT_WORDS = word_set("ministry department government police court council commission agency army")

PRONOUN_GENDER = {"he": "m", "him": "m", "his": "m", "she": "f", "her": "f", "hers": "f"}

MALE_TITLES = word_set("mr mr. sir lord king prince father brother sheikh")

FEMALE_TITLES = word_set("mrs mrs. ms ms. miss madam dame lady queen princess sister")

# A small lexicon of common first names; a name not listed leaves the gender unknown.
MALE_NAMES = word_set(
    """john james robert michael william david richard joseph thomas charles christopher daniel matthew
    anthony mark donald steven paul andrew joshua kenneth kevin brian george timothy ronald edward jason
    jeffrey ryan jacob gary nicholas eric jonathan stephen larry justin scott brandon benjamin samuel
    gregory frank alexander raymond patrick jack dennis jerry tyler aaron jose adam henry nathan douglas
    peter mike bill bernie joe barack mitch ted rand chris tim ben jim tom bob newt rudy boris vladimir
    emmanuel xi recep ali mohammed muhammad ahmed hassan mustafa abdul omar ibrahim moqtada
    al alan albert alex allen andy arthur austin barry bernard billy bobby brad bradley bruce bryan
    buddy carl carlos chad charlie chuck clarence clark clint cliff cody colin craig curtis dale dan
    danny darrell darren dave dean derek dick don donnie doug drew dwight earl ed eddie eli elijah
    elliot eugene evan floyd francis fred freddie gabriel gavin gene gerald gil glenn gordon graham
    grant greg guy hal hank harold harry harvey herbert herman howard hugh hunter ian isaac ivan
    jake jared jay jeb jeff jeremy jerome jesse jimmy joel johnny jon jonah jordan josh juan julian
    keith ken kenny kirk kurt lamar lance lawrence lee leon leonard lester lewis lindsey lloyd lou
    louis luis luke malcolm marco marcus mario marshall martin marvin matt maurice max melvin michel
    miguel mitt morris nate neil nelson nick noah norm norman oliver orrin oscar otis pat pedro
    perry phil philip pierre ralph randall randy ray reed reggie reince rex ricardo rick ricky rob
    robbie rod rodney roger roland ron ross roy rubén russell sam scott sean sergei seth shawn sid
    stan stanley stephen steve stuart terry theodore todd tony travis trey troy tyrone vernon victor
    vince vincent wade wally walter warren wayne wesley wilbur will willie wolf zach zachary"""
)

FEMALE_NAMES = word_set(
    """mary patricia jennifer linda elizabeth barbara susan jessica sarah karen nancy lisa betty margaret
    sandra ashley kimberly emily donna michelle dorothy carol amanda melissa deborah stephanie rebecca
    sharon laura cynthia kathleen amy angela shirley anna brenda pamela emma nicole helen samantha
    katherine christine debra rachel carolyn janet catherine maria heather diane ruth julie olivia joyce
    virginia victoria kelly lauren christina joan evelyn judith megan andrea cheryl hannah jacqueline
    martha gloria teresa ann sara madison frances kathryn janice jean abigail alice judy sophia grace
    denise amber doris marilyn danielle beverly isabella theresa diana natalie brittany charlotte marie
    kayla alexis lori hillary kamala nikki theresa angela ursula fatima aisha kellyanne sarah huma
    abby ada adele agnes alicia alison allison amelia ana andrea angelina anita anne annie april ariana
    audrey ava barbra becky bella bernadette beth betsy beyoncé bonnie brooke caitlin camila candace
    carla carly carmen caroline carrie cassandra cathy cecilia chelsea cheryl chloe christie cindy
    claire clara claudia colleen connie cora courtney crystal daisy dana darlene dawn debbie deirdre
    delia della desiree dolores dora edith eileen elaine eleanor elena elise ella ellen eloise elsa
    erica erin esther eva faith felicia fiona florence gail gayle georgia geraldine gina ginger
    gwen gwendolyn hailey harriet hazel heidi hope ida ilhan imani irene iris jackie
    jade jan jane janelle janine jasmine jeanne jen jenna jenny jill jo joanna jocelyn jodi josephine
    joy juanita judi julia juliet june karla kate katie kathy katrina kay kelsey kendra kerry kim
    kristen kristin lana lara latoya laurie leah leila lena leslie lila lillian lily linda lois
    loretta lorraine lucy lydia lynn mabel mackenzie maggie mandy mara marcia margo mariah marian
    marianne marina marion marsha maureen maxine maya meg melanie melinda melania mia michele
    mildred millie miranda molly monica muriel myra nadia naomi natasha nina nora norma olga paige
    pam paula pauline peggy penny phyllis priscilla rachael rebekah regina renee rhonda rita
    roberta robin rosa rosalind rose rosemary roxanne ruby sabrina sally samantha sandy selena serena
    shannon sheila shelby shelley sherry sonia sophie stacey stella sue susie suzanne sylvia tamara
    tammy tanya tara terri tiffany tina toni tracy tricia tulsi valerie vanessa vera veronica
    vicki viola violet wanda wendy whitney yolanda yvonne zoe"""
)


def gender_of(words: list[str]) -> str | None:
    """'m' or 'f' from a title ("Mr", "Mrs") or a common first name; None when nothing says.

    Only the first word after the titles counts as a first name: "Rakeyia Scott" is not a Scott."""
    for w in words[:4]:
        low = w.lower().strip(",")
        if low in MALE_TITLES:
            return "m"
        if low in FEMALE_TITLES:
            return "f"
        if low.rstrip(".") in TITLES or low in ROLE_WORDS or not w[:1].isupper():
            continue
        if low.rstrip(".") in MALE_NAMES:
            return "m"
        if low.rstrip(".") in FEMALE_NAMES:
            return "f"
        return None
    return None


NOT_NAME_WORDS = word_set(
    """make your the a an of to in for and my our how why what new is are will this that with on at by from
    it its be not no do does can you we they he she his her their let let's here there when where who
    but as so yet while after before since if though although because meanwhile however"""
)

ROLE_WORDS = word_set(
    """senate house minority majority leader whip chief executive former acting deputy vice first lady
    white state attorney general foreign defense defence finance prime supreme court republican democratic
    democrat gop influential veteran top senior"""
)

GROUP_WORDS = word_set("groups factions militias protesters demonstrators people residents voters critics")

PLURAL_PRONOUNS = word_set("they we who which")

ANIMATE_PRONOUNS = word_set("he she i him her")

DETERMINERS = (
    "the ",
    "a ",
    "an ",
    "one ",
    "two ",
    "three ",
    "some ",
    "several ",
    "other ",
    "another ",
    "these ",
    "those ",
)

PARTICLES = word_set("al el bin ibn van von de da du di le la")

# Participles that start a tail after a source noun: "government statistics published on Tuesday".
PARTICIPLES = word_set(
    "published released obtained written issued seen filed cited posted compiled quoted involved based"
)


# Organisations known by their context.
# "the secretary of state's office", "the mayor's campaign": an organisation named after its head.
OWNED_ORG_RE = re.compile(
    r"\w['’]s?\s+(?:\w+\s+)?(?:office|offices|campaign|administration|government|ministry|department|staff)\Z",
    re.IGNORECASE,
)
# "the U.S. Geological Survey", "the Ordnance Survey": a capitalised document word inside a proper name
# is an agency's name, not a document.
NAMED_AGENCY_RE = re.compile(r"[A-Z][\w.'’-]*\s+(?:Survey|Register|Census Bureau|Monitor|Observatory)\Z")
CAP_NAME = r"(?P<name>[A-Z][\w&'’.-]*(?:\s+(?:&\s+)?[A-Z][\w&'’.-]*){0,3})"
# "the city's water authority, Sacmex," / "the charity, Solidarités Sahel,"
ORG_APPOSITION_RE = re.compile(
    r"\b(?:the|its|a|an|their|\w+['’]s)\s+(?:[\w'’-]+\s+){0,3}?" + ORG_TYPE + r",\s+" + CAP_NAME + ","
)
# Speed: every match of ORG_APPOSITION_RE holds one of these (an ORG_TYPE word and its comma).
ORG_APPOSITION_NEEDS = tuple(
    w + "," for w in re.sub(r"organi\[sz\]ation", "organisation|organization", ORG_TYPE[3:-1]).split("|")
)
# "Solidarités Sahel, which employs": people take "who"
ORG_WHICH_RE = re.compile(r"(?:^|[.;]\s+|\n)" + CAP_NAME + r",\s+which\b")
# "Hershey's chief executive", "Voltara's shares"
ORG_POSSESSIVE_RE = re.compile(
    CAP_NAME + r"['’]s\s+(?:chief executive|CEO|chief financial officer|CFO|board|shares|shareholders|"
    r"headquarters|subsidiary|parent company|quarterly|annual report|earnings|revenue|share price|stock)"
)
