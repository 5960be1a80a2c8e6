"""Word lists of the check-worthiness rules (workbench/extraction/lexicon/worth_rules.py).

Plain text so that they read and diff well; matched against the lower-cased words of a claim,
without the first words of capitalised names ("Bill" of "Bill Clinton" is not a bill).
"""

from __future__ import annotations

from workbench.text.wordsets import word_set

STATISTIC = word_set(
    """unemployment unemployed jobs job deficit deficits debt taxes tax income incomes wages wage salary
    salaries money funds funding inflation gdp growth poverty budget budgets spending spent revenue revenues premiums prices
    price cost costs crime crimes murders deaths died killed casualties population rate rates percentage
    average median billion million trillion thousand thousands hundreds millions billions dollars
    dollar cents barrels tons acres miles seats votes points margin
    surplus payroll payrolls exports imports production output emissions enrollment enrolment
    uninsured"""
)
AMOUNT_COMPARED = word_set("more less fewer higher lower larger smaller greater")
TREND = word_set(
    """increased increase increases decreased decrease decreases rose risen fell fallen dropped declined
    doubled tripled quadrupled halved grew grown shrank shrunk climbed jumped plunged soared surged
    slashed cut cuts raised lowered reduced gained lost added created eliminated expanded up down rise
    rises rising fall falls falling decline declines declining grow grows growing drop drops shrink
    shrinks doubling"""
)
LAW_OR_VOTE = word_set(
    """voted vote votes vetoed veto vetoes bill bills law laws legislation amendment amendments treaty
    treaties ruled ruling rulings court courts judge indicted indictment convicted sued lawsuit
    subpoena subpoenaed ratified repealed repeal enacted statute constitution constitutional
    unconstitutional regulation regulations ordinance resolution filibuster override overridden
    signed passed sanctions sanctioned tariffs tariff impeached impeachment agreement agreements pact
    accord accords deal deals"""
)
OFFICIAL_ACT = word_set(
    """announced approved rejected imposed banned launched deployed arrested appointed nominated
    confirmed resigned fired suspended ordered awarded granted released closed opened invaded
    attacked bombed negotiated agreed withdrew withdrawn elected won defeated testified charged
    fined audited investigated founded established built"""
)
EVALUATION = word_set(
    """great wonderful terrible horrible disgrace disgraceful disgusting disaster disastrous ridiculous
    absurd outrageous shameful shame dangerous tremendous fantastic amazing incredible beautiful
    proud sad tragic tragedy unfair fair good bad best worst wrong right important critical crucial
    fundamental serious strong stronger weak weaker huge mistake mistakes failure failures mess
    nonsense crazy stupid smart honest dishonest liar lie lies corrupt reckless extreme radical
    excellent awful pathetic silly foolish wise unacceptable acceptable appalling heartbreaking
    insult offensive hateful hate love loves respect deserve deserves decent evil moral immoral
    ominous pivotal unfounded legitimate illegitimate irresponsible responsible healthy hurt struggle
    struggles struggled struggling unable flouts flout mixed legacy greatest pressing precisely blessing
    exaggerating exaggerated exaggerate obsession ploy"""
)
INTENSIFIER = word_set("very really truly deeply extremely totally absolutely incredibly so quite")
HEDGE = word_set(
    """perhaps maybe probably possibly likely unlikely seems seem seemed appears appear apparently
    suspect unclear uncertain guess suppose presumably whether might"""
)
PREDICTION = word_set("will won't would wouldn't could couldn't may going gonna shall 'll")
VAGUE = word_set(
    """everybody everyone nobody somebody someone something anything everything people folks things
    thing stuff"""
)
DEBATE_TALK = word_set(
    """question questions answer answered respond response rebuttal moderator minutes seconds debate
    debates audience tonight"""
)
COLOUR = word_set(
    """afternoon sunlight sunshine humid rain smiled smiling laughed laughing wearing wore stood standing
    walked walking strolled nodded gazed crowd crowds streets park rickshaw newlyweds dress football
    tossed coffee quietly smell"""
)
ORDINARY_PEOPLE = word_set(
    """resident residents voter voters shopper shoppers mother father mom dad parent parents student
    students worker workers neighbor neighbour neighbors neighbours passerby passer-by customer
    customers attendee attendees supporter supporters protester protesters demonstrator
    demonstrators fan fans woman man retiree retirees owner homeowner commuter commuters grandmother
    grandfather veteran"""
)
FACTUAL_CUES = word_set(
    """announced confirmed reported found shows showed show testified disclosed revealed according
    estimated estimates data records filed wrote"""
)
OPINION_CUES = word_set(
    """called calls argued argues believes believe believed thinks think thought hopes hope hoped fears
    feared wants want wanted worried criticized criticised praised blasted slammed denounced urged
    urges vowed vows promised pledged expects expected predicted warned warns insisted insists
    complained lamented joked suggested suggests described describes accused accuses questioned
    demanded demands wondered dismissed"""
)
