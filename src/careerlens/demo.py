"""A synthetic corpus of job postings for the bundled demonstration report.

Every posting here is invented: the companies, the sentences and the figures
were written for careerlens, and none comes from a real advert. The corpus
exists so that ``careerlens report`` can show demand charts before any real
postings are loaded; every page that uses it must say that it is synthetic.

The generator is seeded, so one seed always gives the same corpus. It builds
the structure a report should reveal: topic rates that depend on the role
(``ROLES``), salaries that depend on role, seniority and state, and posting
volumes and topic rates that move over 2024-2025. Topic mentions are explicit
("statistics"), implicit ("A/B tests" for statistics, "PyTorch" for deep
learning, "eigenvalues" for linear algebra), and there are decoys that must not
count ("R&D", "we are an AI company", "optimize workflows"). The ground truth
(which topics each posting really asks for) is returned beside the text, so a
classifier can be checked against it.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import random
from dataclasses import dataclass
from pathlib import Path

# The topic ids of the default curriculum (data/curricula/maths-for-ml.toml).
TOPICS = ("python", "sql", "statistics", "machine_learning", "deep_learning", "nlp", "linear_algebra",
          "calculus", "optimization", "probability", "r_programming", "data_visualization", "big_data",
          "mlops", "communication")

COLUMNS = ("id", "title", "company", "industry", "location", "posted_date", "salary_text", "salary_min",
           "salary_max", "salary_period", "salary_currency", "salary_kind", "description")
# What the committed CSV holds: the salary as text only (the generic loader parses it, kind
# included), and the ground truth as ``generator_topics`` (no loader reads it).
FILE_COLUMNS = ("id", "title", "company", "industry", "location", "posted_date", "salary_text", "description",
                "generator_topics")

FIRST_MONTH = dt.date(2024, 1, 1)
MONTHS = 24                                   # 2024-01 .. 2025-12


# -- roles -------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Role:
    """One kind of job: its titles, pay, where it is advertised and what it asks for.

    ``salary`` is the mid-level annual midpoint in USD; ``trend`` how much the
    monthly volume grows from January 2024 to December 2025 (0.5 = half as
    many again); ``rates`` the chance that a posting asks for each topic.
    """

    key: str
    share: float
    titles: tuple[str, ...]
    salary: int
    hourly: float
    trend: float
    industries: tuple[tuple[str, float], ...]
    rates: dict
    duties: tuple[str, ...]
    degrees: tuple[int, ...]                  # indexes into DEGREES
    seniorities: tuple[float, float, float, float] = (0.2, 0.4, 0.3, 0.1)   # junior, mid, senior, lead


def _rates(**given) -> dict:
    return {topic: given.get(topic, 0.0) for topic in TOPICS}


ROLES = (
    Role("data_scientist", 0.16,
         ("Data Scientist", "Data Scientist, Product", "Data Scientist, Customer Insights", "Decision Scientist"),
         126_000, 0.0, 0.2,
         (("Information Technology", 5), ("Finance", 2), ("Health Care", 2), ("Retail", 2), ("Insurance", 1),
          ("Media", 1), ("Business Services", 2), ("Telecommunications", 1), ("Transportation & Logistics", 1)),
         _rates(python=0.85, sql=0.7, statistics=0.75, machine_learning=0.85, deep_learning=0.25, nlp=0.18,
                linear_algebra=0.12, calculus=0.06, optimization=0.12, probability=0.3, r_programming=0.35,
                data_visualization=0.4, big_data=0.3, mlops=0.18, communication=0.7),
         ("Decide with product owners which questions are worth answering, then answer them.",
          "Own analyses from the first messy extract to the final recommendation.",
          "Work closely with engineers to make sure the numbers we rely on are right.",
          "Mentor analysts and review their work with care."),
         (0, 1, 2, 4)),
    Role("data_analyst", 0.16,
         ("Data Analyst", "Data Analyst, Operations", "Product Analyst", "Healthcare Data Analyst"),
         82_000, 0.12, -0.1,
         (("Information Technology", 2), ("Health Care", 3), ("Finance", 2), ("Retail", 3), ("Government", 2),
          ("Education", 1), ("Non-Profit", 1), ("Transportation & Logistics", 1), ("Manufacturing", 1)),
         _rates(python=0.4, sql=0.85, statistics=0.45, machine_learning=0.1, deep_learning=0.01, nlp=0.03,
                optimization=0.03, probability=0.08, r_programming=0.28, data_visualization=0.85, big_data=0.12,
                communication=0.8),
         ("Answer the weekly questions that come in from managers, quickly and accurately.",
          "Keep our core reporting tables tidy, documented and trusted.",
          "Spot odd movements in the figures and chase down the reason.",
          "Help colleagues find the data they need and understand its limits."),
         (0, 1, 3, 5),
         (0.3, 0.45, 0.2, 0.05)),
    Role("data_engineer", 0.11,
         ("Data Engineer", "Analytics Engineer", "Data Platform Engineer", "Big Data Engineer"),
         132_000, 0.0, 0.3,
         (("Information Technology", 5), ("Finance", 2), ("Retail", 1), ("Health Care", 1), ("Media", 1),
          ("Telecommunications", 1), ("Oil, Gas, Energy & Utilities", 1)),
         _rates(python=0.8, sql=0.9, statistics=0.04, machine_learning=0.18, deep_learning=0.02, nlp=0.02,
                optimization=0.03, probability=0.02, r_programming=0.03, data_visualization=0.12, big_data=0.85,
                mlops=0.28, communication=0.35),
         ("Design the ingestion jobs that bring new sources into the warehouse.",
          "Make pipelines observable, so failures are noticed before anyone asks.",
          "Model raw tables into clean, documented datasets for analysts.",
          "Review code and keep our infrastructure as code up to date."),
         (1, 6)),
    Role("machine_learning_engineer", 0.08,
         ("Machine Learning Engineer", "ML Engineer", "AI Engineer", "Computer Vision Engineer"),
         152_000, 0.0, 1.0,
         (("Information Technology", 6), ("Finance", 1), ("Health Care", 1), ("Retail", 1), ("Media", 1),
          ("Aerospace & Defense", 1), ("Manufacturing", 1)),
         _rates(python=0.95, sql=0.4, statistics=0.22, machine_learning=0.95, deep_learning=0.7, nlp=0.35,
                linear_algebra=0.25, calculus=0.15, optimization=0.22, probability=0.25, r_programming=0.04,
                data_visualization=0.08, big_data=0.45, mlops=0.8, communication=0.35),
         ("Turn research prototypes into software the rest of the company can depend on.",
          "Profile and speed up training and inference code.",
          "Work with product teams to decide what is worth building next.",
          "Keep the codebase tested, reviewed and easy to change."),
         (1, 4, 6)),
    Role("research_scientist", 0.04,
         ("Research Scientist", "Applied Scientist", "AI Research Scientist", "Research Scientist, Machine Learning"),
         162_000, 0.0, 0.6,
         (("Information Technology", 6), ("Biotech & Pharmaceuticals", 2), ("Finance", 1), ("Education", 1),
          ("Aerospace & Defense", 1)),
         _rates(python=0.85, sql=0.1, statistics=0.4, machine_learning=0.9, deep_learning=0.8, nlp=0.45,
                linear_algebra=0.5, calculus=0.4, optimization=0.5, probability=0.6, r_programming=0.08,
                data_visualization=0.08, big_data=0.1, mlops=0.12, communication=0.55),
         ("Set a research agenda with the team and see it through to results.",
          "Publish at leading venues and keep up with the literature.",
          "Work with engineers to carry promising ideas into products.",
          "Run careful studies and report negative results honestly."),
         (2, 4),
         (0.1, 0.4, 0.35, 0.15)),
    Role("statistician", 0.05,
         ("Statistician", "Biostatistician", "Mathematical Statistician"),
         104_000, 0.0, 0.0,
         (("Biotech & Pharmaceuticals", 4), ("Health Care", 3), ("Government", 3), ("Education", 1),
          ("Insurance", 1)),
         _rates(python=0.35, sql=0.4, statistics=1.0, machine_learning=0.22, deep_learning=0.02, nlp=0.02,
                linear_algebra=0.2, calculus=0.2, optimization=0.05, probability=0.6, r_programming=0.8,
                data_visualization=0.35, big_data=0.03, communication=0.7),
         ("Write analysis plans before the data arrive, and stick to them.",
          "Check the quality of study data and document every decision.",
          "Review protocols with investigators and suggest better designs.",
          "Prepare tables and listings for regulatory submissions."),
         (0, 2)),
    Role("business_analyst", 0.08,
         ("Business Analyst", "Business Analyst, Finance", "Business Process Analyst"),
         92_000, 0.05, -0.2,
         (("Information Technology", 2), ("Finance", 2), ("Insurance", 2), ("Health Care", 2), ("Government", 1),
          ("Business Services", 2), ("Retail", 1), ("Manufacturing", 1)),
         _rates(python=0.1, sql=0.55, statistics=0.12, machine_learning=0.03, optimization=0.02, probability=0.02,
                r_programming=0.03, data_visualization=0.6, big_data=0.04, communication=0.9),
         ("Gather requirements from business users and write them up as clear user stories.",
          "Map current processes and propose simpler ones.",
          "Act as the link between the business and the delivery teams.",
          "Test new releases against the requirements before they go live."),
         (3, 5),
         (0.2, 0.5, 0.25, 0.05)),
    Role("quantitative_analyst", 0.05,
         ("Quantitative Analyst", "Quantitative Researcher", "Risk Analyst", "Financial Analyst"),
         124_000, 0.0, 0.1,
         (("Finance", 7), ("Insurance", 2), ("Oil, Gas, Energy & Utilities", 1)),
         _rates(python=0.75, sql=0.5, statistics=0.7, machine_learning=0.32, deep_learning=0.06, nlp=0.05,
                linear_algebra=0.4, calculus=0.45, optimization=0.45, probability=0.8, r_programming=0.3,
                data_visualization=0.2, big_data=0.08, mlops=0.04, communication=0.5),
         ("Build and validate pricing and risk tools used on the trading floor.",
          "Monitor portfolio exposures and explain daily movements in profit and loss.",
          "Back-test new strategies and document their assumptions.",
          "Support regulatory capital reporting."),
         (2, 5, 0)),
    Role("software_engineer", 0.08,
         ("Software Engineer", "Backend Developer", "Full Stack Developer", "Software Developer"),
         132_000, 0.0, 0.0,
         (("Information Technology", 6), ("Finance", 1), ("Retail", 1), ("Media", 1), ("Telecommunications", 1),
          ("Health Care", 1)),
         _rates(python=0.45, sql=0.5, statistics=0.02, machine_learning=0.1, deep_learning=0.03, nlp=0.02,
                linear_algebra=0.02, optimization=0.02, probability=0.02, data_visualization=0.05, big_data=0.18,
                mlops=0.07, communication=0.35),
         ("Design, build and run services that handle millions of requests a day.",
          "Write automated tests and review pull requests from teammates.",
          "Take part in an on-call rotation and help fix incidents calmly.",
          "Break large features into small, safe releases."),
         (1,)),
    Role("actuary", 0.03,
         ("Actuarial Analyst", "Actuary", "Pricing Actuary"),
         118_000, 0.0, 0.0,
         (("Insurance", 7), ("Finance", 1), ("Business Services", 1), ("Health Care", 1)),
         _rates(python=0.3, sql=0.45, statistics=0.8, machine_learning=0.15, linear_algebra=0.05, calculus=0.25,
                optimization=0.05, probability=0.85, r_programming=0.35, data_visualization=0.2, communication=0.65),
         ("Set reserves for our personal lines and explain the movements each quarter.",
          "Price new products and review the rates of existing ones.",
          "Progress through the actuarial exams with study time paid for by us.",
          "Prepare filings for state insurance regulators."),
         (0, 5)),
    Role("operations_research_analyst", 0.03,
         ("Operations Research Analyst", "Operations Research Modeler"),
         98_000, 0.0, 0.2,
         (("Transportation & Logistics", 4), ("Aerospace & Defense", 2), ("Government", 2), ("Retail", 1),
          ("Manufacturing", 2), ("Oil, Gas, Energy & Utilities", 1)),
         _rates(python=0.7, sql=0.5, statistics=0.5, machine_learning=0.28, deep_learning=0.04, linear_algebra=0.3,
                calculus=0.15, optimization=1.0, probability=0.5, r_programming=0.22, data_visualization=0.3,
                big_data=0.08, mlops=0.04, communication=0.6),
         ("Work with planners to understand how decisions are made today.",
          "Turn messy business rules into precise constraints and objectives.",
          "Measure the savings of each new plan against the old one.",
          "Maintain the planning tools that schedulers use every morning."),
         (2, 0, 1),
         (0.15, 0.5, 0.3, 0.05)),
)

# Jobs with no data content at all: the demo report must show that they exist and ask for little.
OTHER_JOBS = (
    # title, industry, annual midpoint, hourly share, duties
    ("Registered Nurse", "Health Care", 88_000, 0.6,
     ("Care for patients on a busy medical-surgical unit.", "Give medicines and keep charts accurate.")),
    ("Marketing Coordinator", "Retail", 56_000, 0.2,
     ("Plan seasonal campaigns with the brand team.", "Manage the calendar for email and social posts.")),
    ("Accountant", "Business Services", 72_000, 0.0,
     ("Close the books each month and reconcile the bank accounts.", "Prepare schedules for the auditors.")),
    ("Project Manager", "Construction, Repair & Maintenance", 96_000, 0.0,
     ("Run job sites from groundbreaking to handover.", "Keep subcontractors on schedule and on budget.")),
    ("Customer Service Representative", "Telecommunications", 41_000, 0.9,
     ("Help customers with billing questions by phone and chat.", "Log every contact and follow up on open cases.")),
    ("Mechanical Engineer", "Manufacturing", 94_000, 0.0,
     ("Design fixtures and tooling for our assembly lines.", "Investigate field failures and fix their causes.")),
    ("HR Generalist", "Education", 64_000, 0.1,
     ("Support hiring, onboarding and employee relations.", "Keep personnel files and policies current.")),
    ("Retail Sales Clerk", "Retail", 34_000, 1.0,
     ("Greet shoppers and help them find what they need.", "Restock shelves and run the register.")),
    ("Electrician", "Oil, Gas, Energy & Utilities", 68_000, 0.8,
     ("Install and repair wiring at substations and customer sites.", "Follow lockout procedures every time.")),
    ("Warehouse Supervisor", "Transportation & Logistics", 58_000, 0.5,
     ("Lead a shift of twenty associates in a busy distribution center.", "Keep the floor safe and orders on time.")),
)
OTHER_SHARE = 0.13
OTHER_RATES = _rates(sql=0.03, data_visualization=0.03, communication=0.45, python=0.01, statistics=0.01)

SENIORITY = ("junior", "mid", "senior", "lead")
SENIORITY_PAY = {"junior": 0.78, "mid": 1.0, "senior": 1.25, "lead": 1.45}
SENIORITY_PREFIX = {"junior": ("Junior ", "Associate "), "mid": ("", "", " II"), "senior": ("Senior ", "Sr. "),
                    "lead": ("Lead ", "Principal ", "Staff ")}
YEARS = {"junior": ("Up to two years of experience; internships count.", "A first job or a strong internship behind you."),
         "mid": ("Three or more years of relevant work.", "Two to four years in a similar position."),
         "senior": ("Five or more years of relevant work, some of it leading projects.", "Six years or more in the field."),
         "lead": ("Eight or more years of experience, including guiding other people's work.",
                  "A long track record, with at least three years leading a team.")}

# (text, topics the degree list itself evidences): a list that includes Statistics counts for statistics.
DEGREES = (
    ("Degree-level study of Statistics, Economics, Mathematics or something near them.", ("statistics",)),
    ("A first degree in Software Engineering or Computer Science, or a near neighbour.", ()),
    ("Postgraduate study in a quantitative subject; Statistics, Physics and Applied Mathematics are typical.", ("statistics",)),
    ("A bachelor's in Information Systems, Business or a neighbouring subject.", ()),
    ("Doctoral research in machine perception, signal processing or another computing field, or papers that show the same depth.", ()),
    ("Studies in Finance, Mathematics or Economics, or experience that taught you the same.", ()),
    ("Engineering or Computer Science studies; a bootcamp plus solid experience also works.", ()),
)


# -- industries, companies, places -----------------------------------------------------------

# Industry names as careerlens maps them to NAICS sectors (data/taxonomy/industry_map.csv).
# Each: invented companies, what they do, and the nouns the topic sentences use.
INDUSTRIES = {
    "Information Technology": dict(
        companies=("Lattice Ridge Software", "Quillon Systems", "Brightmoss Cloud", "Tessellate Labs",
                   "Harrowgate Digital", "Ferncastle Technologies"),
        about=("builds scheduling and billing software for mid-sized firms", "runs a developer platform used by forty thousand teams",
               "makes collaboration tools for distributed companies"),
        things="user events", customers="subscribers", metric="monthly churn", product="onboarding flow",
        texts="support tickets", plan="server capacity", images="screenshots of user interfaces"),
    "Finance": dict(
        companies=("Copperbeck Capital", "Wyndmoor Bank", "Sablecrest Asset Management", "Orchard Lane Credit Union",
                   "Halvorsen Trading"),
        about=("is a regional bank with branches in six states", "manages pension and endowment portfolios",
               "runs a market-making desk in listed options"),
        things="card transactions", customers="account holders", metric="loan defaults", product="mobile banking app",
        texts="customer complaints", plan="cash across branches", images="scanned cheques"),
    "Insurance": dict(
        companies=("Granitefield Mutual", "Bellwether Shield Insurance", "Larkspur Life & Annuity", "Northcairn Assurance"),
        about=("writes auto and home policies for families across the Midwest", "offers life cover and annuities",
               "insures small businesses against property and liability losses"),
        things="claims", customers="policyholders", metric="claim frequency", product="quote journey",
        texts="adjuster notes", plan="adjuster caseloads", images="photos of vehicle damage"),
    "Biotech & Pharmaceuticals": dict(
        companies=("Veridane Therapeutics", "Corvalis Bio", "Amberlight Genomics", "Pellucid Pharma"),
        about=("develops treatments for rare metabolic disorders", "sequences tumours to guide cancer care",
               "runs late-stage trials in cardiology"),
        things="assay results", customers="trial sites", metric="patient enrolment", product="trial portal",
        texts="adverse event reports", plan="trial supply shipments", images="microscopy slides"),
    "Health Care": dict(
        companies=("Riverbend Health Partners", "Saint Aldric Medical Center", "Meadowvale Clinics",
                   "Tallowbrook Family Health"),
        about=("runs three hospitals and twenty outpatient clinics", "provides primary care in rural counties",
               "operates a network of urgent care centers"),
        things="patient visits", customers="patients", metric="readmissions", product="patient portal",
        texts="clinical notes", plan="nurse rosters", images="chest X-rays"),
    "Business Services": dict(
        companies=("Ashgrove Consulting Group", "Pinnacle Hollow Advisors", "Tidewater Analytics Partners"),
        about=("advises mid-market companies on growth and operations", "provides outsourced finance and payroll services",
               "helps public agencies modernise their services"),
        things="client engagements", customers="clients", metric="project margins", product="client reporting portal",
        texts="client survey comments", plan="consultant staffing", images="scanned invoices"),
    "Manufacturing": dict(
        companies=("Ironvale Components", "Kestrel Fabrication", "Drummond Precision Works"),
        about=("machines parts for agricultural equipment", "builds industrial pumps and valves",
               "makes packaging for food producers"),
        things="sensor readings", customers="distributors", metric="scrap rates", product="dealer ordering site",
        texts="maintenance logs", plan="production runs", images="photos from the inspection line"),
    "Retail": dict(
        companies=("Marigold Market", "Foxglove Outfitters", "Thistledown Home Goods"),
        about=("runs 140 grocery stores and a growing delivery business", "sells outdoor clothing online and in 60 stores",
               "sells furniture and homeware across the Southeast"),
        things="orders", customers="shoppers", metric="weekly sales", product="online store",
        texts="product reviews", plan="store replenishment", images="product photos"),
    "Government": dict(
        companies=("State Department of Revenue", "County Public Health Department", "Metropolitan Transit Authority"),
        about=("serves the residents of a fast-growing state", "protects the health of two million residents",
               "runs buses and light rail for the region"),
        things="tax returns", customers="residents", metric="processing times", product="online services",
        texts="public comments", plan="inspection visits", images="scanned forms"),
    "Education": dict(
        companies=("Hollins Ridge University", "Eastmere Community College", "Lakeshore School District"),
        about=("is a public research university with 30,000 students", "serves adult learners in evening and online programs",
               "educates 45,000 pupils in 70 schools"),
        things="enrolment records", customers="students", metric="course completion", product="learning platform",
        texts="course evaluations", plan="class timetables", images="handwritten exam scripts"),
    "Media": dict(
        companies=("Bluewren Media", "Signalhill Publishing", "Marblehead Streaming"),
        about=("publishes local news sites in twelve cities", "runs a subscription streaming service",
               "publishes magazines and podcasts about food and travel"),
        things="viewing sessions", customers="subscribers", metric="watch time", product="home page",
        texts="article comments", plan="ad inventory", images="video thumbnails"),
    "Aerospace & Defense": dict(
        companies=("Skyward Dynamics", "Talon Ridge Aerospace"),
        about=("builds avionics for regional aircraft", "designs small satellites and their ground systems"),
        things="flight test records", customers="airline operators", metric="unscheduled removals", product="maintenance tool",
        texts="pilot reports", plan="maintenance slots", images="satellite images"),
    "Oil, Gas, Energy & Utilities": dict(
        companies=("Prairie Current Energy", "Silt Creek Power"),
        about=("delivers electricity to 900,000 homes", "operates wind and solar farms across the Plains"),
        things="smart meter readings", customers="ratepayers", metric="peak demand", product="outage map",
        texts="field crew notes", plan="generation dispatch", images="drone images of power lines"),
    "Telecommunications": dict(
        companies=("Relay Peak Communications", "Crosswire Telecom"),
        about=("provides fibre broadband in small towns", "runs a regional mobile network"),
        things="network events", customers="subscribers", metric="dropped calls", product="self-service app",
        texts="chat transcripts", plan="tower upgrades", images="photos of street cabinets"),
    "Transportation & Logistics": dict(
        companies=("Cartwright Freight", "Ridgeline Logistics", "Halfmoon Shipping"),
        about=("moves freight by truck across forty states", "runs warehouses for online retailers",
               "operates a fleet of container feeder ships"),
        things="shipments", customers="shippers", metric="on-time delivery", product="tracking page",
        texts="driver notes", plan="delivery routes", images="photos of loaded trailers"),
    "Non-Profit": dict(
        companies=("Open Harbor Foundation", "Common Table Alliance"),
        about=("funds housing programs for families", "runs food banks in four states"),
        things="program records", customers="families we serve", metric="program reach", product="donor site",
        texts="case worker notes", plan="volunteer shifts", images="scanned intake forms"),
    "Construction, Repair & Maintenance": dict(
        companies=("Keystone Arch Builders", "Morrow & Pike Construction"),
        about=("builds schools and clinics for public clients", "renovates commercial buildings"),
        things="site reports", customers="owners", metric="schedule slippage", product="client portal",
        texts="inspection notes", plan="crew assignments", images="site photos"),
}

# (city, state, weight, pay factor): pay factors are rough costs of labour relative to the US as a whole.
PLACES = (
    ("San Francisco", "CA", 6, 1.24), ("San Jose", "CA", 3, 1.24), ("Los Angeles", "CA", 4, 1.14), ("San Diego", "CA", 2, 1.1),
    ("Sacramento", "CA", 1, 1.06), ("New York", "NY", 8, 1.2), ("Rochester", "NY", 1, 0.95), ("Seattle", "WA", 5, 1.18),
    ("Bellevue", "WA", 2, 1.18), ("Boston", "MA", 5, 1.16), ("Cambridge", "MA", 2, 1.16), ("Austin", "TX", 4, 1.02),
    ("Dallas", "TX", 3, 1.0), ("Houston", "TX", 3, 0.99), ("San Antonio", "TX", 1, 0.93), ("Chicago", "IL", 5, 1.03),
    ("Atlanta", "GA", 3, 0.98), ("Charlotte", "NC", 2, 0.97), ("Raleigh", "NC", 2, 0.97), ("Durham", "NC", 1, 0.97),
    ("Miami", "FL", 2, 0.96), ("Tampa", "FL", 1, 0.92), ("Orlando", "FL", 1, 0.91), ("Denver", "CO", 3, 1.04),
    ("Arlington", "VA", 2, 1.08), ("Richmond", "VA", 1, 0.96), ("Reston", "VA", 1, 1.08), ("Baltimore", "MD", 1, 1.02),
    ("Bethesda", "MD", 1, 1.08), ("Washington", "DC", 3, 1.12), ("Philadelphia", "PA", 2, 1.01), ("Pittsburgh", "PA", 1, 0.94),
    ("Columbus", "OH", 2, 0.93), ("Cleveland", "OH", 1, 0.9), ("Minneapolis", "MN", 2, 1.0), ("Phoenix", "AZ", 2, 0.95),
    ("Salt Lake City", "UT", 1, 0.96), ("Portland", "OR", 1, 1.03), ("Detroit", "MI", 1, 0.93), ("Ann Arbor", "MI", 1, 0.95),
    ("Nashville", "TN", 1, 0.92), ("St. Louis", "MO", 1, 0.9), ("Kansas City", "MO", 1, 0.9), ("Princeton", "NJ", 1, 1.1),
    ("Jersey City", "NJ", 1, 1.12), ("Milwaukee", "WI", 1, 0.91), ("Indianapolis", "IN", 1, 0.9),
)
REMOTE_SHARE = 0.05


# -- what postings say -----------------------------------------------------------------------

# Per topic, sentences of two kinds: "do" (a duty) and "have" (a requirement). A sentence
# evidences its topic and any topics listed after it. "implicit" sentences never name the
# topic: they are what a keyword search on topic names misses.
# (kind, implicit, text, extra topics)
TOPIC_SENTENCES = {
    "python": (
        ("have", False, "Solid Python, written so that colleagues can read and test it.", ()),
        ("have", False, "You write production-quality Python and know its packaging tools.", ()),
        ("do", False, "Write Python jobs that pull, clean and reshape our {things} data.", ()),
        ("have", True, "Hands-on experience with pandas and NumPy for data wrangling.", ()),
        ("do", True, "Prototype in Jupyter notebooks, then turn the good ideas into tested modules.", ()),
        ("have", True, "Comfort with SciPy and the wider scientific computing stack.", ()),
    ),
    "sql": (
        ("have", False, "Strong SQL: joins, window functions and CTEs should feel routine.", ()),
        ("do", False, "Write and tune SQL against the warehouse to answer questions about {things}.", ()),
        ("do", True, "Pull what you need from relational databases by writing your own queries.", ()),
        ("have", True, "Experience with PostgreSQL or MySQL, including reading query plans.", ()),
        ("have", True, "You are at home in Snowflake worksheets and BigQuery consoles.", ("big_data",)),
    ),
    "statistics": (
        ("have", False, "A sound grounding in statistics, from descriptive summaries to inference.", ()),
        ("do", False, "Carry out statistical analysis of {things} and write up what it shows.", ()),
        ("do", True, "Design and analyse A/B tests for changes to our {product}.", ()),
        ("do", True, "Fit regression models that explain what drives {metric}.", ()),
        ("have", True, "Experience with hypothesis tests, power calculations and confidence intervals.", ()),
        ("have", True, "Working knowledge of SAS or Stata.", ()),
        ("do", True, "Forecast weekly {metric} with time series methods and track the errors.", ()),
        ("do", True, "Estimate the effect of new policies with difference-in-differences and other causal inference designs.", ()),
        ("have", True, "You know how to fit mixed-effects models and check their assumptions.", ()),
    ),
    "machine_learning": (
        ("have", False, "You have shipped machine learning models and can judge when one is good enough.", ()),
        ("do", False, "Develop machine learning models that rank {things} by value.", ()),
        ("do", True, "Build classifiers that flag {things} likely to need a second look.", ()),
        ("do", True, "Train gradient-boosted trees and random forests to predict {metric}.", ()),
        ("have", True, "Experience with scikit-learn, XGBoost or LightGBM.", ("python",)),
        ("do", True, "Segment {customers} with clustering and turn the segments into something the business can use.", ()),
        ("do", True, "Engineer features from raw event logs and check which ones carry signal.", ()),
        ("do", True, "Improve the recommendation engine behind our {product}.", ()),
    ),
    "deep_learning": (
        ("have", False, "Experience training deep learning models on large datasets.", ()),
        ("do", False, "Design neural network architectures for {images}.", ()),
        ("have", True, "Fluency in PyTorch; TensorFlow or JAX also welcome.", ()),
        ("do", True, "Fine-tune convolutional networks to find defects in {images}.", ()),
        ("do", True, "Train transformer models on GPU clusters and find out where the time goes.", ()),
        ("have", True, "Keras or PyTorch experience from work or research.", ()),
    ),
    "nlp": (
        ("do", False, "Apply natural language processing to free-text {texts}.", ()),
        ("have", False, "Background in NLP, for example text classification or information extraction.", ()),
        ("do", True, "Build sentiment analysis for {texts}.", ()),
        ("do", True, "Extract names, dates and amounts from {texts} with named entity recognition.", ()),
        ("have", True, "Experience with spaCy or Hugging Face libraries.", ()),
        ("do", True, "Improve the chatbot that answers questions from {customers}.", ()),
        ("do", True, "Build search over our document archive with large language models.", ()),
    ),
    "linear_algebra": (
        ("have", False, "Comfort with linear algebra: you can reason about matrices, not only call a library.", ()),
        ("have", True, "Understanding of eigenvalues, matrix factorizations and what they say about a dataset.", ()),
        ("do", True, "Reduce high-dimensional {things} with PCA and SVD before modelling.", ()),
        ("have", True, "Knowledge of vector spaces, projections and linear transformations.", ()),
    ),
    "calculus": (
        ("have", False, "University calculus, including multivariable calculus.", ()),
        ("have", True, "You can derive a gradient by hand and check it numerically.", ()),
        ("do", True, "Model how {metric} evolves with differential equations.", ()),
        ("have", True, "Coursework in real analysis or numerical methods.", ()),
    ),
    "optimization": (
        ("do", False, "Build optimization models for {plan}.", ()),
        ("have", False, "Experience with mathematical optimization, convex or combinatorial.", ()),
        ("do", True, "Formulate the planning of {plan} as mixed-integer programs and solve them with Gurobi or CPLEX.", ()),
        ("do", True, "Use linear programming to allocate {plan} under budget limits.", ()),
        ("have", True, "Knowledge of solvers, heuristics and the trade-offs between them.", ()),
    ),
    "probability": (
        ("have", False, "A firm grasp of probability theory and common distributions.", ()),
        ("do", False, "Build probabilistic models of {metric}.", ()),
        ("do", True, "Run Monte Carlo simulations to put ranges on {metric}.", ()),
        ("have", True, "Familiarity with Bayesian methods and Markov chains.", ()),
        ("do", True, "Model the arrival of {things} as a stochastic process.", ()),
    ),
    "r_programming": (
        ("have", False, "Proficiency in R for analysis and reporting.", ()),
        ("do", False, "Maintain the R packages our analysts share.", ()),
        ("have", True, "Experience with the tidyverse and R Markdown.", ()),
        ("do", True, "Build Shiny apps that let managers explore results themselves.", ()),
        ("have", True, "You use dplyr and ggplot2 for day-to-day analysis.", ("data_visualization",)),
    ),
    "data_visualization": (
        ("do", False, "Create data visualizations that make {metric} trends obvious at a glance.", ()),
        ("have", False, "An eye for clear, honest data visualization.", ()),
        ("do", True, "Keep the leadership team's Tableau dashboards accurate and fast.", ()),
        ("do", True, "Publish Power BI reports on {things} for regional managers.", ()),
        ("have", True, "Experience with Looker or a similar BI tool.", ()),
        ("have", True, "Skill with matplotlib or plotly for charts in notebooks.", ()),
    ),
    "big_data": (
        ("have", False, "Experience processing big data with distributed tools.", ()),
        ("do", False, "Scale our {things} pipelines to billions of rows with Spark.", ()),
        ("do", True, "Run batch jobs on Databricks and stream events through Kafka.", ()),
        ("have", True, "Experience with Snowflake, BigQuery or Redshift.", ()),
        ("do", True, "Move legacy Hadoop and Hive jobs to our cloud storage.", ()),
    ),
    "mlops": (
        ("do", False, "Own MLOps for the team: continuous integration for models, a model registry and alerts.", ()),
        ("do", True, "Take models from notebook to production and watch them for drift.", ()),
        ("have", True, "Experience with SageMaker, Vertex AI or MLflow.", ()),
        ("do", True, "Package models as services behind an API and watch their latency and accuracy once live.", ()),
        ("do", True, "Build pipelines that retrain and redeploy models on a schedule.", ()),
    ),
    "communication": (
        ("have", False, "Strong communication skills, in writing as much as in meetings.", ()),
        ("do", False, "Communicate findings to product and operations leads.", ()),
        ("do", True, "Explain results to people without a technical background and help them decide.", ()),
        ("do", True, "Turn analyses into short memos and slide decks that leadership actually reads.", ()),
        ("have", True, "You can tell a clear story with data and adjust it to the audience.", ()),
        ("do", True, "Walk {customers}' representatives through what the numbers mean and what they do not.", ()),
    ),
}

# Sentences that contain a topic's words without asking for the topic: (text, tempted topic).
DECOYS = (
    ("Our R&D group in {city} ships two major releases a year.", "r_programming"),
    ("We put a tenth of revenue back into R&D.", "r_programming"),
    ("We are an AI company that helps {customers} get answers faster.", "machine_learning"),
    ("Our AI-powered assistant already handles a third of routine requests.", "machine_learning"),
    ("Our platform helps {customers} optimize workflows and cut paperwork.", "optimization"),
    ("Continuous process optimization is part of everyone's job here.", "optimization"),
    ("We work as a matrixed organization with partners on three continents.", "linear_algebra"),
    ("Our recruiting team will communicate next steps by email within ten working days.", "communication"),
    ("A culture that sparks curiosity and rewards initiative.", "big_data"),
    ("Our statistics speak for themselves: forty per cent growth in two years.", "statistics"),
)
ROLE_DECOYS = {
    "software_engineer": (("Experience with NoSQL stores such as MongoDB or Cassandra.", "sql"),
                          ("Keep regression testing of our public APIs automated.", "statistics")),
    "data_engineer": (("Experience with NoSQL stores such as MongoDB or Cassandra.", "sql"),),
    "business_analyst": (("Find ways to optimize workflows across the claims and billing teams.", "optimization"),),
    "data_analyst": (("Find ways to optimize workflows for the reporting team.", "optimization"),),
    "Marketing Coordinator": (("Support search engine optimization for the company blog.", "optimization"),),
    "Retail Sales Clerk": (("Keep shelf presentation and signage tidy.", "communication"),),
    "Electrician": (("Test and maintain power transformers and switchgear.", "deep_learning"),),
}

SUMMARIES = ("Our {team} team in {where} needs a {title}.",
             "{company} wants a {title} for its {team} group.",
             "As a {title} at {company}, you will work in a small {team} team with a lot of autonomy.")
OTHER_SUMMARIES = ("We are hiring a {title} in {where}.", "{company} needs a {title} to join its {where} staff.",
                   "Join {company} as a {title} in {where}.")
TEAMS = ("analytics", "data", "product", "operations", "risk", "research", "platform", "finance", "insights")
DO_HEADERS = ("What you will do:", "Responsibilities:", "The work:")
HAVE_HEADERS = ("What you bring:", "Requirements:", "About you:")
WORK_MODES = ("This role is on site in {where}.", "Hybrid: three days a week in our {where} office.",
              "Hybrid, with two office days a week in {where}.", "Fully remote within the United States.")
CLOSINGS = (
    "We hire people of every background and judge applications on what candidates can do.",
    "Benefits: health cover from the first day, a matched retirement plan and {leave} days of paid leave.",
    "Everyone here gets {leave} days of leave, a learning budget and parental leave that is actually generous.",
    "Tell us in a few lines why this job interests you; no cover letter needed.",
)


# -- the generator ---------------------------------------------------------------------------

def generate_demo_postings(n: int = 1500, seed: int = 2025):
    """A synthetic job-posting corpus, the same for the same ``n`` and ``seed``.

    Parameters
    ----------
    n : int
        Number of postings.
    seed : int
        Seed of the random generator.

    Returns
    -------
    pandas.DataFrame
        One row per posting, with the columns of :data:`COLUMNS` plus
        ``topics`` (the ground truth: topic ids the posting asks for, in
        :data:`TOPICS` order, joined by ``;``), ``role`` and ``seniority``
        (what the generator meant, for tests).
    """
    import pandas as pd

    if n < 1:
        raise ValueError(f"n must be at least 1, not {n}")
    rng = random.Random(seed)
    rows = [_posting(rng, i + 1) for i in range(n)]
    frame = pd.DataFrame(rows, columns=[*COLUMNS, "topics", "role", "seniority"])
    for column in ("salary_min", "salary_max"):
        frame[column] = frame[column].astype("float64")
    return frame


def _pick(rng: random.Random, weighted):
    """One item of ``weighted`` (a sequence of (item, weight) pairs)."""
    items, weights = zip(*weighted)
    return rng.choices(items, weights=weights, k=1)[0]


def _posting(rng: random.Random, number: int) -> list:
    is_other = rng.random() < OTHER_SHARE
    if is_other:
        title, industry, base_pay, hourly_share, duties = rng.choice(OTHER_JOBS)
        role = None
        role_key, rates, trend, degrees = "other", OTHER_RATES, 0.0, ()
        seniority = _pick(rng, (("junior", 1), ("mid", 6), ("senior", 2)))
        if seniority == "senior" and title not in ("Registered Nurse", "Retail Sales Clerk", "Electrician"):
            title = f"Senior {title}"
        else:
            seniority = "mid"
    else:
        role = _pick(rng, ((r, r.share) for r in ROLES))
        role_key, rates, trend, degrees = role.key, role.rates, role.trend, role.degrees
        seniority = _pick(rng, zip(SENIORITY, role.seniorities))
        base = rng.choice(role.titles)
        prefix = rng.choice(SENIORITY_PREFIX[seniority])
        if prefix.startswith(" "):                   # " II" reads badly after "Data Scientist, Product"
            title = base if "," in base else f"{base}{prefix}"
        else:
            title = f"{prefix}{base}"
        industry = _pick(rng, role.industries)
        base_pay, hourly_share, duties = role.salary, role.hourly, role.duties

    month = _pick(rng, ((m, (1 + trend * m / (MONTHS - 1)) * (0.85 if m % 12 == 11 else 1.0))
                        for m in range(MONTHS)))
    posted = dt.date(2024 + month // 12, month % 12 + 1, rng.randint(1, 28))
    info = INDUSTRIES[industry]
    company = rng.choice(info["companies"])
    remote = rng.random() < REMOTE_SHARE and not is_other
    city, state, _, pay_factor = _pick(rng, ((p, p[2]) for p in PLACES))
    location = "Remote, United States" if remote else f"{city}, {state}"
    where = "the United States" if remote else city
    fill = dict(things=info["things"], customers=info["customers"], metric=info["metric"],
                product=info["product"], texts=info["texts"], plan=info["plan"], images=info["images"],
                city=city, where=where, company=company, title=title, team=rng.choice(TEAMS),
                leave=rng.choice(("20", "22", "25", "28")))

    # Topics: the role's rates, with AI-era topics growing over the two years.
    growth = 0.7 + 0.6 * month / (MONTHS - 1)
    truth: set[str] = set()
    do, have = [], []
    for topic in TOPICS:
        rate = rates[topic] * (growth if topic in ("deep_learning", "nlp", "mlops") else 1.0)
        if rng.random() >= rate:
            continue
        kind, _, text, extra = rng.choice(TOPIC_SENTENCES[topic])
        (do if kind == "do" else have).append(text.format(**fill))
        truth.update((topic, *extra))
    do[:0] = rng.sample(duties, k=min(len(duties), rng.choice((1, 2))))
    if degrees:
        degree_text, degree_topics = DEGREES[rng.choice(degrees)]
        have.insert(0, degree_text)
        truth.update(degree_topics)
    have.insert(1 if degrees else 0, rng.choice(YEARS[seniority]))

    company_decoy = ""
    if rng.random() < 0.35:
        decoy_text, _ = rng.choice(DECOYS)
        company_decoy = " " + decoy_text.format(**fill)
    role_decoys = ROLE_DECOYS.get(role_key if role else title.removeprefix("Senior "), ())
    if role_decoys and rng.random() < 0.4:
        do.append(rng.choice(role_decoys)[0])
    rng.shuffle(do)
    tail = sorted(have[2:] if degrees else have[1:], key=lambda _: rng.random())
    have = (have[:2] if degrees else have[:1]) + tail

    summary = rng.choice(OTHER_SUMMARIES if is_other else SUMMARIES).format(**fill)
    intro = f"{company} {rng.choice(info['about'])}.{company_decoy}"
    modes = WORK_MODES[:1] if is_other else WORK_MODES[:3]
    work_mode = WORK_MODES[3] if remote else rng.choice(modes).format(**fill)
    closing = rng.choice(CLOSINGS).format(**fill)
    lines = [intro, "", summary, "", rng.choice(DO_HEADERS), *(f"- {s}" for s in do)]
    if have:
        lines += ["", rng.choice(HAVE_HEADERS), *(f"- {s}" for s in have)]
    lines += ["", f"{work_mode} {closing}", f"Reference: DEMO-{number:05d}."]
    description = "\n".join(lines)

    salary = _salary(rng, base_pay * SENIORITY_PAY[seniority] * pay_factor, hourly_share)
    topics = ";".join(t for t in TOPICS if t in truth)
    return [f"demo-{number:05d}", title, company, industry, location, posted.isoformat(), *salary,
            description, topics, role_key, seniority]


def _salary(rng: random.Random, annual_mid: float, hourly_share: float):
    """(salary_text, min, max, period, currency, kind), or blanks for the quarter of postings that show none."""
    if rng.random() < 0.25:
        return "", None, None, "", "", ""
    mid = annual_mid * rng.uniform(0.92, 1.08)
    kind = "employer" if rng.random() < 0.65 else "estimate"
    if rng.random() < hourly_share:
        low = round(mid * 0.9 / 2080 * 2) / 2          # to the half dollar
        high = round(mid * 1.1 / 2080 * 2) / 2
        text = f"${low:.2f} - ${high:.2f} per hour"
        period = "hour"
    else:
        low = round(mid * 0.88, -3)
        high = round(mid * 1.12, -3)
        if kind == "employer" and rng.random() < 0.15:
            low = high = round(mid, -3)
            text = f"${low:,.0f} per year"
        elif kind == "employer":
            text = f"${low:,.0f} - ${high:,.0f} per year"
        else:
            text = f"${low / 1000:.0f}K - ${high / 1000:.0f}K per year"
        period = "year"
    # Worded for careerlens's glassdoor_salary_kind() macro: "employer" in the text means
    # employer-provided, anything else an estimate.
    text += " (estimated)" if kind == "estimate" else " (employer provided)"
    return text, float(low), float(high), period, "USD", kind


# -- files ---------------------------------------------------------------------------------

POSTINGS_FILE = "demo_postings.csv"
MAPPING_FILE = "demo_postings.careerlens.toml"     # beside the CSV, so `careerlens ingest` finds it itself

# The column mapping for careerlens's generic loader (careerlens/sources/generic.py).
MAPPING_TOML = '''\
# Column mapping for demo_postings.csv, read by careerlens's generic loader. Because it sits
# beside the data file, `careerlens ingest data/demo/demo_postings.csv` needs no --mapping.
# The postings are SYNTHETIC, written by careerlens.demo.generate_demo_postings (seed 2025)
# and regenerated by scripts/make_demo_postings.py; source = "demo" lets every chart and
# page that uses them say so. The generator_topics column (the generator's ground truth)
# is deliberately not mapped.
source = "demo"

[columns]
id = "id"
title = "title"
description = "description"
company = "company"
industry = "industry"
location = "location"
date = "posted_date"

[salary]
text_column = "salary_text"
currency = "USD"
'''


def _csv_value(value) -> str:
    if value is None or value != value:              # None or NaN
        return ""
    return str(value)


def demo_files(n: int = 1500, seed: int = 2025) -> dict[str, str]:
    """The text of the demo files, by file name: the postings CSV and its column mapping.

    Written with the csv module (not ``DataFrame.to_csv``) so the bytes do not
    depend on the pandas version: the committed files must equal a fresh generation.
    """
    frame = generate_demo_postings(n, seed).rename(columns={"topics": "generator_topics"})
    postings = io.StringIO()
    writer = csv.writer(postings, lineterminator="\n")
    writer.writerow(FILE_COLUMNS)
    for row in frame[list(FILE_COLUMNS)].itertuples(index=False):
        writer.writerow([_csv_value(v) for v in row])
    return {POSTINGS_FILE: postings.getvalue(), MAPPING_FILE: MAPPING_TOML}


def write_demo_files(folder, n: int = 1500, seed: int = 2025) -> list[Path]:
    """Write the demo corpus (with its ground truth) and its mapping file into ``folder``.

    Parameters
    ----------
    folder : str or Path
        Created if missing; files in it with the same names are replaced.
    n, seed : int
        As for :func:`generate_demo_postings`.
    """
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, text in demo_files(n, seed).items():
        path = folder / name
        path.write_text(text, encoding="utf-8", newline="")
        written.append(path)
    return written
