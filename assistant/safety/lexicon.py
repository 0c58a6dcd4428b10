"""Word patterns more than one safety category reads: who is involved, and what the guides are about.

Each is written against `text.normalise()`d text.
"""

from __future__ import annotations

import re

PEOPLE = (
    r"dad|father|daddy|papa|mum|mom|mother|mam|mama|mummy|mommy|husband|wife|partner|son|daughter|brother|"
    r"sister|friend|grandma|grandmother|grandpa|grandfather|gran|granny|nan|nana|grandad|granddad|boyfriend|"
    r"girlfriend|spouse|uncle|aunt|auntie|child|kid|baby|patient|neighbou?r|fiancee?|roommate|flatmate|"
    r"parent|relative|cousin|nephew|niece|client|carer|caregiver|colleague|coworker"
)
# Someone real is involved: a pronoun or a named relative. "people with POEMS" or "you" are not.
PERSON = re.compile(
    rf"\b(?:i|im|ive|id|ill|me|my|myself|we|were|weve|us|our|he|hes|him|his|she|shes|her|hers|they|theyre|"
    rf"them|their|(?:{PEOPLE})s?)\b"
)

# Words that put a question inside the guides' subject, whatever the classifier thinks.
DOMAIN = re.compile(
    r"\bpoems\b|\bvegf\b|neuropath|\bnerves?\b|plasma|m-?protein|monoclonal|castlem|lenalidomide|"
    r"thalidomide|pomalidomide|melphalan|dexamethasone|\bdex\b|bortezomib|carfilzomib|daratumumab|"
    r"bevacizumab|\bdrd\b|transplant|\basct\b|stem cell|radiation|radiotherapy|\bgy\b|h(?:a)?ematolog|"
    r"myeloma|thrombo|\bstrokes?\b|\bclots?\b|embolism|\bdvt\b|papill(?:o)?edema|\bo?edema\b|endocrin|"
    r"testosterone|hyperpigment|hypertrichosis|hemangioma|\bspep\b|immunofixation|light chain|bone marrow|"
    r"sclerotic|lesions?|plasmacytoma|pulmonary|echocardiogra|\bcidp\b|guillain|\bmgus\b|\bmgcs\b|amyloid|"
    r"organomegaly|relapse|remission|cytokine|\bil-?6\b|crow|fukase|takatsuki|\bpest\b|\bmayo\b|\buclh\b|"
    r"bare your rare|klarity|diseasemaps|\bguides?\b|caregiver|anticoagula|demyelin|paraneoplastic|"
    r"engraft|bcma|cm336|car-?t\b|orthotic|foot drop|albumin|prognos|polycyth|gynecomastia|ascites|"
    r"pleural|lambda|spap|cpap|bipap|thromboprophylaxis|induction|chemo|hypogonad|prolactin|\bj-?post\b|"
    r"\bnails?\b|tingling|numbness|hair growth|clubb|skin (?:changes|darken)|darker skin"
)
