// The sentence-segmentation corpus: each case is a text and the sentences it must split into.
// Two sources, written by hand for this project: the well-known "Golden Rules" of English
// segmentation (the public rule set rule-based segmenters are measured on), and news copy of the
// kind Factdesk imports: titles and honorifics, initials, acronyms ending a sentence, decimals,
// money and times, quotes with attributions, lists and rankings, headings, citations, ellipses.
// A single line break always ends a sentence (a list item, a ranking line, a heading).

export interface SegmentCase {
  source: 'golden rules' | 'news copy'
  rule: string
  text: string
  expected: string[]
}

type Raw = [rule: string, text: string, expected: string[]]

const golden: Raw[] = [
  ['simple period', 'Hello World. My name is Jonas.', ['Hello World.', 'My name is Jonas.']],
  ['question mark', 'What is your name? My name is Jonas.', ['What is your name?', 'My name is Jonas.']],
  ['exclamation point', 'There it is! I found it.', ['There it is!', 'I found it.']],
  ['one-letter upper-case abbreviation', 'My name is Jonas E. Smith.', ['My name is Jonas E. Smith.']],
  ['one-letter lower-case abbreviation', 'Please turn to p. 55.', ['Please turn to p. 55.']],
  [
    'two-letter lower-case abbreviation mid-sentence',
    'Were Jane and co. at the party?',
    ['Were Jane and co. at the party?']
  ],
  [
    'two-letter upper-case abbreviation mid-sentence',
    'They closed the deal with Pitt, Briggs & Co. at noon.',
    ['They closed the deal with Pitt, Briggs & Co. at noon.']
  ],
  [
    'two-letter lower-case abbreviation ending a sentence',
    "Let's ask Jane and co. They should know.",
    ["Let's ask Jane and co.", 'They should know.']
  ],
  [
    'two-letter upper-case abbreviation ending a sentence',
    'They closed the deal with Pitt, Briggs & Co. It closed yesterday.',
    ['They closed the deal with Pitt, Briggs & Co.', 'It closed yesterday.']
  ],
  ['prepositive two-letter abbreviation', 'I can see Mt. Fuji from here.', ['I can see Mt. Fuji from here.']],
  [
    'prepositive and postpositive abbreviations',
    "St. Michael's Church is on 5th st. near the light.",
    ["St. Michael's Church is on 5th st. near the light."]
  ],
  ['possessive abbreviation', "That is JFK Jr.'s book.", ["That is JFK Jr.'s book."]],
  ['multi-period abbreviation mid-sentence', 'I visited the U.S.A. last year.', ['I visited the U.S.A. last year.']],
  [
    'multi-period abbreviation ending a sentence',
    'I live in the E.U. How about you?',
    ['I live in the E.U.', 'How about you?']
  ],
  ['U.S. ending a sentence', 'I live in the U.S. How about you?', ['I live in the U.S.', 'How about you?']],
  [
    'U.S. before a capitalised word',
    'I work for the U.S. Government in Virginia.',
    ['I work for the U.S. Government in Virginia.']
  ],
  ['U.S. mid-sentence', 'I have lived in the U.S. for 20 years.', ['I have lived in the U.S. for 20 years.']],
  [
    'a.m. and P.M.',
    'At 5 a.m. Mr. Smith went to the bank. He left the bank at 6 P.M. Mr. Smith then went to the store.',
    ['At 5 a.m. Mr. Smith went to the bank.', 'He left the bank at 6 P.M.', 'Mr. Smith then went to the store.']
  ],
  ['number mid-sentence', 'She has $100.00 in her bag.', ['She has $100.00 in her bag.']],
  ['number ending a sentence', 'She has $100.00. It is in her bag.', ['She has $100.00.', 'It is in her bag.']],
  [
    'parenthetical sentence inside a sentence',
    'He teaches science (He previously worked for 5 years as an engineer.) at the local University.',
    ['He teaches science (He previously worked for 5 years as an engineer.) at the local University.']
  ],
  [
    'email address',
    'Her email is Jane.Doe@example.com. I sent her an email.',
    ['Her email is Jane.Doe@example.com.', 'I sent her an email.']
  ],
  [
    'web address',
    'The site is: https://www.example.50.com/new-site/awesome_content.html. Please check it out.',
    ['The site is: https://www.example.50.com/new-site/awesome_content.html.', 'Please check it out.']
  ],
  [
    'single quotation inside a sentence',
    "She turned to him, 'This is great.' she said.",
    ["She turned to him, 'This is great.' she said."]
  ],
  [
    'double quotation inside a sentence',
    'She turned to him, "This is great." she said.',
    ['She turned to him, "This is great." she said.']
  ],
  [
    'double quotation ending a sentence',
    'She turned to him, "This is great." She held the book out to show him.',
    ['She turned to him, "This is great."', 'She held the book out to show him.']
  ],
  ['double exclamation', 'Hello!! Long time no see.', ['Hello!!', 'Long time no see.']],
  ['double question', 'Hello?? Who is there?', ['Hello??', 'Who is there?']],
  ['exclamation and question', 'Hello!? Is that you?', ['Hello!?', 'Is that you?']],
  ['question and exclamation', 'Hello?! Is that you?', ['Hello?!', 'Is that you?']],
  [
    'list 1.) without full stops',
    '1.) The first item 2.) The second item',
    ['1.) The first item', '2.) The second item']
  ],
  [
    'list 1.) with full stops',
    '1.) The first item. 2.) The second item.',
    ['1.) The first item.', '2.) The second item.']
  ],
  ['list 1) without full stops', '1) The first item 2) The second item', ['1) The first item', '2) The second item']],
  ['list 1) with full stops', '1) The first item. 2) The second item.', ['1) The first item.', '2) The second item.']],
  ['list 1. without full stops', '1. The first item 2. The second item', ['1. The first item', '2. The second item']],
  ['list 1. with full stops', '1. The first item. 2. The second item.', ['1. The first item.', '2. The second item.']],
  ['list with bullets', '• 9. The first item • 10. The second item', ['• 9. The first item', '• 10. The second item']],
  [
    'list with hyphen bullets',
    '⁃9. The first item ⁃10. The second item',
    ['⁃9. The first item', '⁃10. The second item']
  ],
  [
    'lettered list',
    'a. The first item b. The second item c. The third list item',
    ['a. The first item', 'b. The second item', 'c. The third list item']
  ],
  [
    'numbers with several full stops',
    'You can find it at N°. 1026.253.553. That is where the treasure is.',
    ['You can find it at N°. 1026.253.553.', 'That is where the treasure is.']
  ],
  [
    'name with an exclamation point',
    'She works at Yahoo! in the accounting department.',
    ['She works at Yahoo! in the accounting department.']
  ],
  [
    'I ending a sentence and as an initial',
    'We make a good team, you and I. Did you see Albert I. Jones yesterday?',
    ['We make a good team, you and I.', 'Did you see Albert I. Jones yesterday?']
  ],
  [
    'ellipsis ending a quotation',
    'Thoreau argues that by simplifying one’s life, “the laws of the universe will appear less complex. . . .”',
    ['Thoreau argues that by simplifying one’s life, “the laws of the universe will appear less complex. . . .”']
  ],
  [
    'ellipsis in square brackets',
    '"Bohr [...] used the analogy of parallel stairways [...]" (Smith 55).',
    ['"Bohr [...] used the analogy of parallel stairways [...]" (Smith 55).']
  ],
  [
    'spaced ellipsis ending a sentence',
    'If words are left off at the end of a sentence, and that is all that is omitted, indicate the omission with ellipsis marks (preceded and followed by a space) and then indicate the end of the sentence with a period . . . . Next sentence.',
    [
      'If words are left off at the end of a sentence, and that is all that is omitted, indicate the omission with ellipsis marks (preceded and followed by a space) and then indicate the end of the sentence with a period . . . .',
      'Next sentence.'
    ]
  ],
  [
    'four-dot ellipsis ending a sentence',
    'I never meant that.... She left the store.',
    ['I never meant that....', 'She left the store.']
  ],
  [
    'ellipses inside a sentence',
    'I wasn’t really ... well, what I mean...see . . . what I’m saying, the thing is . . . I didn’t mean it.',
    ['I wasn’t really ... well, what I mean...see . . . what I’m saying, the thing is . . . I didn’t mean it.']
  ],
  [
    'spaced four-dot ellipsis at the end',
    'One further habit which was somewhat weakened . . . was that of combining words into self-contained units. . . .',
    ['One further habit which was somewhat weakened . . . was that of combining words into self-contained units. . . .']
  ],
  [
    'no space after the full stop',
    'Hello world.Today is Tuesday.Mr. Smith went to the store and bought 1,000.That is a lot.',
    ['Hello world.', 'Today is Tuesday.', 'Mr. Smith went to the store and bought 1,000.', 'That is a lot.']
  ],
  [
    'line breaks between items',
    'features\ncontact manager\nevents, activities',
    ['features', 'contact manager', 'events, activities']
  ],
  [
    'quotation ending in a question, then attribution',
    '“Are you coming?” Smith asked.',
    ['“Are you coming?” Smith asked.']
  ],
  [
    'abbreviation with a number',
    'The vote on Resolution No. 7 failed. It needed two thirds.',
    ['The vote on Resolution No. 7 failed.', 'It needed two thirds.']
  ],
  ['ellipsis then a capital', 'He hesitated... The answer never came.', ['He hesitated...', 'The answer never came.']]
]

const news: Raw[] = [
  // Titles and honorifics
  [
    'title before a name',
    'Sen. Elizabeth Warren, D-Mass., said the bill was flawed. She urged colleagues to vote no.',
    ['Sen. Elizabeth Warren, D-Mass., said the bill was flawed.', 'She urged colleagues to vote no.']
  ],
  [
    'title before a name',
    'Gov. Gavin Newsom signed the measure on Tuesday. It takes effect in January.',
    ['Gov. Gavin Newsom signed the measure on Tuesday.', 'It takes effect in January.']
  ],
  [
    'titles before names',
    'Dr. Anthony Fauci testified before the panel. Prof. Jane Hill disagreed.',
    ['Dr. Anthony Fauci testified before the panel.', 'Prof. Jane Hill disagreed.']
  ],
  [
    'stacked military titles',
    'Lt. Gen. James Dickinson commands the unit. He declined to comment.',
    ['Lt. Gen. James Dickinson commands the unit.', 'He declined to comment.']
  ],
  [
    'party and state after a name',
    'Rep. Alexandria Ocasio-Cortez, D-N.Y., introduced the bill. Republicans opposed it.',
    ['Rep. Alexandria Ocasio-Cortez, D-N.Y., introduced the bill.', 'Republicans opposed it.']
  ],
  [
    'Mrs. and Mr.',
    'Mrs. Thatcher served from 1979 to 1990. Mr. Major succeeded her.',
    ['Mrs. Thatcher served from 1979 to 1990.', 'Mr. Major succeeded her.']
  ],
  [
    'Jr. mid-sentence',
    'The Rev. Martin Luther King Jr. spoke in Washington in 1963. The crowd numbered 250,000.',
    ['The Rev. Martin Luther King Jr. spoke in Washington in 1963.', 'The crowd numbered 250,000.']
  ],
  [
    'Jr. ending a sentence',
    'The ruling was written by Chief Justice John G. Roberts Jr. The vote was 6-3.',
    ['The ruling was written by Chief Justice John G. Roberts Jr.', 'The vote was 6-3.']
  ],
  [
    'Sr. ending a sentence',
    'The firm was founded by Thomas Watson Sr. He later handed it to his son.',
    ['The firm was founded by Thomas Watson Sr.', 'He later handed it to his son.']
  ],
  [
    'St. as a place name',
    'St. Louis police said the suspect fled. Officers found the car later.',
    ['St. Louis police said the suspect fled.', 'Officers found the car later.']
  ],
  [
    'Mr. and Mrs.',
    'Mr. and Mrs. Smith were not home. Neighbours called the police.',
    ['Mr. and Mrs. Smith were not home.', 'Neighbours called the police.']
  ],
  [
    'title after a quote',
    '“Enough is enough,” said Sen. Chuck Schumer. “We need a vote.”',
    ['“Enough is enough,” said Sen. Chuck Schumer.', '“We need a vote.”']
  ],
  [
    'Gen. mid-sentence',
    'The plan was drawn up by Gen. Mark Milley and his staff. It was never used.',
    ['The plan was drawn up by Gen. Mark Milley and his staff.', 'It was never used.']
  ],
  [
    'Supt. before a name',
    'Det. Supt. Claire Evans led the inquiry. She retired in 2019.',
    ['Det. Supt. Claire Evans led the inquiry.', 'She retired in 2019.']
  ],
  // Initials
  [
    'initials without spaces',
    "J.K. Rowling's new book sold 1.2 million copies. Her publisher called it a record.",
    ["J.K. Rowling's new book sold 1.2 million copies.", 'Her publisher called it a record.']
  ],
  [
    'middle initial and a month',
    'George W. Bush visited the site on Sept. 14, 2001. He spoke through a bullhorn.',
    ['George W. Bush visited the site on Sept. 14, 2001.', 'He spoke through a bullhorn.']
  ],
  [
    'spaced initials',
    'The novel by E. B. White was published in 1952. It remains popular.',
    ['The novel by E. B. White was published in 1952.', 'It remains popular.']
  ],
  [
    'dotted initials before a surname',
    'H.R. McMaster served as national security adviser. He was replaced in 2018.',
    ['H.R. McMaster served as national security adviser.', 'He was replaced in 2018.']
  ],
  [
    'initial and a section letter',
    'The appeal was heard by Judge Mary K. Lee. Section B. The rules are listed below.',
    ['The appeal was heard by Judge Mary K. Lee.', 'Section B.', 'The rules are listed below.']
  ],
  // Company and place abbreviations ending a sentence
  [
    'Inc. ending a sentence',
    'The deal was signed by Pfizer Inc. The company did not disclose the price.',
    ['The deal was signed by Pfizer Inc.', 'The company did not disclose the price.']
  ],
  [
    'Inc. mid-sentence',
    'Shares of Apple Inc. rose 2 percent on Monday. The Nasdaq closed higher.',
    ['Shares of Apple Inc. rose 2 percent on Monday.', 'The Nasdaq closed higher.']
  ],
  [
    'Co. before a question word',
    'The contract went to Bechtel Co. How much it is worth is unclear.',
    ['The contract went to Bechtel Co.', 'How much it is worth is unclear.']
  ],
  [
    'D.C. before a question word',
    'The talks took place in Washington, D.C. Where they go next is unclear.',
    ['The talks took place in Washington, D.C.', 'Where they go next is unclear.']
  ],
  [
    'U.K. before a plural noun',
    'Inflation is easing in the U.K. Officials expect rates to fall.',
    ['Inflation is easing in the U.K.', 'Officials expect rates to fall.']
  ],
  [
    'U.S. before a question word',
    'The drug is approved in the U.S. How it will be priced is not yet known.',
    ['The drug is approved in the U.S.', 'How it will be priced is not yet known.']
  ],
  [
    'etc. ending a sentence',
    'He cited rent, food, transport, etc. This list was not complete.',
    ['He cited rent, food, transport, etc.', 'This list was not complete.']
  ],
  [
    'U.S. as an adjective',
    'The U.S. Navy said the ship was hit. No sailors were hurt.',
    ['The U.S. Navy said the ship was hit.', 'No sailors were hurt.']
  ],
  [
    'U.S. opening a sentence',
    'U.S. and European officials met in Geneva. The talks lasted six hours.',
    ['U.S. and European officials met in Geneva.', 'The talks lasted six hours.']
  ],
  [
    'U.N. before a proper noun',
    'The U.N. Security Council will meet on Friday. Russia holds a veto.',
    ['The U.N. Security Council will meet on Friday.', 'Russia holds a veto.']
  ],
  [
    'U.K. mid-sentence',
    'Troops from the U.S. and the U.K. arrived on Monday. They will stay a month.',
    ['Troops from the U.S. and the U.K. arrived on Monday.', 'They will stay a month.']
  ],
  [
    'U.S. before a lower-case word',
    'The company moved its headquarters to the U.S. last year. It employs 3,000 people.',
    ['The company moved its headquarters to the U.S. last year.', 'It employs 3,000 people.']
  ],
  [
    'possessive after Inc.',
    "Tesla Inc.'s shares fell 12% on Thursday. Analysts cut their targets.",
    ["Tesla Inc.'s shares fell 12% on Thursday.", 'Analysts cut their targets.']
  ],
  [
    'Inc. before and',
    'She worked at Goldman Sachs Group Inc. and later at Morgan Stanley. She now runs a fund.',
    ['She worked at Goldman Sachs Group Inc. and later at Morgan Stanley.', 'She now runs a fund.']
  ],
  [
    'Corp. and Inc. mid-sentence',
    'Apple Inc. and Microsoft Corp. both reported earnings. Both beat estimates.',
    ['Apple Inc. and Microsoft Corp. both reported earnings.', 'Both beat estimates.']
  ],
  [
    'Ltd. ending a sentence',
    'The stake was sold to Harbour Holdings Ltd. The price was not disclosed.',
    ['The stake was sold to Harbour Holdings Ltd.', 'The price was not disclosed.']
  ],
  [
    'state abbreviation ending a sentence',
    'The suspect, 32, was arrested in St. Paul, Minn. He was charged with arson.',
    ['The suspect, 32, was arrested in St. Paul, Minn.', 'He was charged with arson.']
  ],
  [
    'U.S.-led',
    'The U.S.-led coalition struck targets in Syria. The Pentagon confirmed the strikes.',
    ['The U.S.-led coalition struck targets in Syria.', 'The Pentagon confirmed the strikes.']
  ],
  [
    'N.Y. before a name',
    'The N.Y. Times reported the story first. Other outlets followed.',
    ['The N.Y. Times reported the story first.', 'Other outlets followed.']
  ],
  [
    'Ph.D. mid-sentence',
    'He earned a Ph.D. from Harvard in 1998. He then joined the faculty.',
    ['He earned a Ph.D. from Harvard in 1998.', 'He then joined the faculty.']
  ],
  ['Ph.D. ending a sentence', 'She holds a Ph.D. She teaches at Yale.', ['She holds a Ph.D.', 'She teaches at Yale.']],
  [
    'country abbreviation between commas',
    'The ship sailed from Portsmouth, U.K., on Monday. It reached Lisbon on Thursday.',
    ['The ship sailed from Portsmouth, U.K., on Monday.', 'It reached Lisbon on Thursday.']
  ],
  [
    'et al. in a citation',
    'The study found a 20% rise in cases (Smith et al., 2021). Other studies disagree.',
    ['The study found a 20% rise in cases (Smith et al., 2021).', 'Other studies disagree.']
  ],
  [
    'vs. mid-sentence',
    'Sales rose 10% vs. last year. Margins fell.',
    ['Sales rose 10% vs. last year.', 'Margins fell.']
  ],
  [
    'Ft. and Mt.',
    'The storm hit Ft. Myers on Wednesday. Power was cut to 2 million homes.',
    ['The storm hit Ft. Myers on Wednesday.', 'Power was cut to 2 million homes.']
  ],
  [
    'Mt. opening a sentence',
    'Mt. Everest was first climbed in 1953. Since then, more than 6,000 people have reached the top.',
    ['Mt. Everest was first climbed in 1953.', 'Since then, more than 6,000 people have reached the top.']
  ],
  [
    'St. as a street',
    'The car was found on Main St. near the bridge. It had been burned.',
    ['The car was found on Main St. near the bridge.', 'It had been burned.']
  ],
  [
    'Gov. ending a clause',
    'The bill now goes to the governor. Gov. Kathy Hochul has not said whether she will sign it.',
    ['The bill now goes to the governor.', 'Gov. Kathy Hochul has not said whether she will sign it.']
  ],
  // Numbers, money, dates and times
  [
    'decimal percentages',
    'Unemployment fell to 3.5 percent in May. Wages rose 4.1 percent.',
    ['Unemployment fell to 3.5 percent in May.', 'Wages rose 4.1 percent.']
  ],
  [
    'money in trillions',
    'The bill costs $1.2 trillion over 10 years. Critics say that is too much.',
    ['The bill costs $1.2 trillion over 10 years.', 'Critics say that is too much.']
  ],
  [
    'a.m. before local time',
    'The plane landed at 10:45 a.m. local time. No one was injured.',
    ['The plane landed at 10:45 a.m. local time.', 'No one was injured.']
  ],
  [
    'p.m. ending a sentence',
    'The polls close at 8 p.m. Results are expected by midnight.',
    ['The polls close at 8 p.m.', 'Results are expected by midnight.']
  ],
  [
    'a.m. before on',
    'The meeting starts at 9 a.m. on Monday. It is open to the public.',
    ['The meeting starts at 9 a.m. on Monday.', 'It is open to the public.']
  ],
  [
    'a.m. before a weekday',
    'The vote is set for 10 a.m. Tuesday. Both parties expect it to pass.',
    ['The vote is set for 10 a.m. Tuesday.', 'Both parties expect it to pass.']
  ],
  [
    'p.m. before a time zone',
    'The speech begins at 9 p.m. Eastern. It will last an hour.',
    ['The speech begins at 9 p.m. Eastern.', 'It will last an hour.']
  ],
  [
    'price with cents',
    'Oil rose 2.3% to $78.40 a barrel. Gold was little changed.',
    ['Oil rose 2.3% to $78.40 a barrel.', 'Gold was little changed.']
  ],
  [
    'number ending a sentence',
    'The index closed at 4,567.89. It was the highest close since 2021.',
    ['The index closed at 4,567.89.', 'It was the highest close since 2021.']
  ],
  [
    'year ending a sentence',
    'The population was 1.3 million in 2020. By 2030 it may reach 1.5 million.',
    ['The population was 1.3 million in 2020.', 'By 2030 it may reach 1.5 million.']
  ],
  [
    'sentence opening with a year',
    'He was born in 1946. In 1968 he moved to New York.',
    ['He was born in 1946.', 'In 1968 he moved to New York.']
  ],
  [
    'score ending a sentence',
    'The vote was 52-48. Two Democrats crossed party lines.',
    ['The vote was 52-48.', 'Two Democrats crossed party lines.']
  ],
  [
    'temperature',
    'The temperature hit 41.2C on Tuesday. Forecasters expect relief by Friday.',
    ['The temperature hit 41.2C on Tuesday.', 'Forecasters expect relief by Friday.']
  ],
  [
    'pounds in billions',
    'The firm paid £3.4bn for the stake. It had offered £2.9bn in March.',
    ['The firm paid £3.4bn for the stake.', 'It had offered £2.9bn in March.']
  ],
  [
    'month abbreviation before a day',
    'The deal closed on Dec. 31. Neither side commented.',
    ['The deal closed on Dec. 31.', 'Neither side commented.']
  ],
  [
    'month abbreviation before a year',
    'It happened in Jan. 2020. The lockdown came two months later.',
    ['It happened in Jan. 2020.', 'The lockdown came two months later.']
  ],
  [
    'sentence opening with a number',
    'The count ended on Friday. 1,204 ballots were rejected.',
    ['The count ended on Friday.', '1,204 ballots were rejected.']
  ],
  [
    'percent sign ending a sentence',
    'Turnout was 67%. That was the highest since 1992.',
    ['Turnout was 67%.', 'That was the highest since 1992.']
  ],
  [
    'clock time with a full stop',
    'The fire started at 3.15am. Crews arrived within minutes.',
    ['The fire started at 3.15am.', 'Crews arrived within minutes.']
  ],
  [
    'approx. before a number',
    'Police arrived at approx. 3 a.m. and found the victim. He was taken to hospital.',
    ['Police arrived at approx. 3 a.m. and found the victim.', 'He was taken to hospital.']
  ],
  [
    'abbreviated years',
    'He was sentenced to 10 yrs. in prison. He plans to appeal.',
    ['He was sentenced to 10 yrs. in prison.', 'He plans to appeal.']
  ],
  // Quotes and attributions
  [
    'question in quotes, then attribution',
    '“Are you going to the grocery?” Forte said. “I need milk.”',
    ['“Are you going to the grocery?” Forte said.', '“I need milk.”']
  ],
  [
    'exclamation in quotes, then attribution',
    '“We will not back down!” Johnson told reporters. The crowd cheered.',
    ['“We will not back down!” Johnson told reporters.', 'The crowd cheered.']
  ],
  [
    'question in quotes, then inverted attribution',
    '“Is this the end?” asked one resident. Nobody answered.',
    ['“Is this the end?” asked one resident.', 'Nobody answered.']
  ],
  [
    'comma in quotes, then attribution',
    '“It was a mistake,” she said. “We are sorry.”',
    ['“It was a mistake,” she said.', '“We are sorry.”']
  ],
  [
    'quoted statement, then a new sentence',
    'He said: “The numbers do not add up.” The ministry disputed that.',
    ['He said: “The numbers do not add up.”', 'The ministry disputed that.']
  ],
  [
    'question in quotes, then a two-word name',
    '“Why now?” Mark Rutte asked. “Because we must.”',
    ['“Why now?” Mark Rutte asked.', '“Because we must.”']
  ],
  [
    'quote, then a new sentence opening with A',
    'Trump emphasized, “You have my assurance, and I’m president.” A White House official later confirmed it.',
    ['Trump emphasized, “You have my assurance, and I’m president.”', 'A White House official later confirmed it.']
  ],
  [
    'quoted phrase ending a sentence',
    'The minister called the report “deeply flawed.” She did not elaborate.',
    ['The minister called the report “deeply flawed.”', 'She did not elaborate.']
  ],
  [
    'short quote, then a new sentence',
    'Asked whether he would run, he said, “We’ll see.” Then he left the stage.',
    ['Asked whether he would run, he said, “We’ll see.”', 'Then he left the stage.']
  ],
  [
    'British single quotes',
    '‘I didn’t know,’ he said. ‘Nobody told me.’',
    ['‘I didn’t know,’ he said.', '‘Nobody told me.’']
  ],
  [
    'question in quotes, attribution with a place',
    '“Who pays for this?” Warren asked on Twitter. The post was shared 10,000 times.',
    ['“Who pays for this?” Warren asked on Twitter.', 'The post was shared 10,000 times.']
  ],
  [
    'exclamation in quotes, then said',
    '“That’s not true!” Trump said. He offered no evidence.',
    ['“That’s not true!” Trump said.', 'He offered no evidence.']
  ],
  [
    'two sentences inside one quote',
    'European Council President António Costa said, “The top priority must be to stop the killings. Whether we call it a ceasefire or a truce is secondary.”',
    [
      'European Council President António Costa said, “The top priority must be to stop the killings.',
      'Whether we call it a ceasefire or a truce is secondary.”'
    ]
  ],
  [
    'quote with a question, then wrote',
    '“What did they know, and when?” Haberman wrote in her column. The White House did not respond.',
    ['“What did they know, and when?” Haberman wrote in her column.', 'The White House did not respond.']
  ],
  [
    'straight quotes with attribution',
    '"Can we afford it?" Councilor Diaz asked. The budget passed anyway.',
    ['"Can we afford it?" Councilor Diaz asked.', 'The budget passed anyway.']
  ],
  [
    'exclamation quote, then a new sentence',
    'Protesters chanted “No more war!” Police watched from a distance.',
    ['Protesters chanted “No more war!”', 'Police watched from a distance.']
  ],
  [
    'quoted question inside a sentence',
    'She asked “why now?” and got no answer. The meeting ended.',
    ['She asked “why now?” and got no answer.', 'The meeting ended.']
  ],
  [
    'trailing quote with ellipsis',
    '“I just don’t know…” she said. Her voice trailed off.',
    ['“I just don’t know…” she said.', 'Her voice trailed off.']
  ],
  [
    'ellipsis inside a quote',
    'The letter reads: “We regret … the delay.” It was signed by the chief executive.',
    ['The letter reads: “We regret … the delay.”', 'It was signed by the chief executive.']
  ],
  // Real copy from Factdesk's sample article
  [
    'article: quoted phrases',
    'Trump also revealed that he has “sort of set up” a possible meeting between Ukrainian President Volodymyr Zelensky and Russian President Vladimir Putin. However, he stressed that both leaders must ultimately “call the shots.” The Kremlin hasn’t committed to such a meeting but has left the door open for more discussions.',
    [
      'Trump also revealed that he has “sort of set up” a possible meeting between Ukrainian President Volodymyr Zelensky and Russian President Vladimir Putin.',
      'However, he stressed that both leaders must ultimately “call the shots.”',
      'The Kremlin hasn’t committed to such a meeting but has left the door open for more discussions.'
    ]
  ],
  [
    'article: quote ending a sentence',
    'On Monday, Zelensky described his White House talks with Trump and European leaders as a “significant step toward ending the war.” During those meetings, Trump even paused discussions to speak directly with Putin by phone, according to sources.',
    [
      'On Monday, Zelensky described his White House talks with Trump and European leaders as a “significant step toward ending the war.”',
      'During those meetings, Trump even paused discussions to speak directly with Putin by phone, according to sources.'
    ]
  ],
  [
    'article: plain sentences',
    'Since Trump took office in January, the US has not announced new aid packages for Ukraine, marking the longest gap since Russia’s full-scale invasion began in 2022. While the US remains Ukraine’s largest single donor, Europe has recently stepped up with more aid.',
    [
      'Since Trump took office in January, the US has not announced new aid packages for Ukraine, marking the longest gap since Russia’s full-scale invasion began in 2022.',
      'While the US remains Ukraine’s largest single donor, Europe has recently stepped up with more aid.'
    ]
  ],
  [
    'article: bulleted lines',
    '• European Union: The EU announced new sanctions on Russia.\n• Japan: Prime Minister Shigeru Ishiba said Japan will participate in future security guarantees.\n• NATO: Military leaders are set to meet Wednesday. NATO chief Mark Rutte said 30 countries are working on a framework.',
    [
      '• European Union: The EU announced new sanctions on Russia.',
      '• Japan: Prime Minister Shigeru Ishiba said Japan will participate in future security guarantees.',
      '• NATO: Military leaders are set to meet Wednesday.',
      'NATO chief Mark Rutte said 30 countries are working on a framework.'
    ]
  ],
  [
    'article: heading, then text',
    'Trump’s Push for Talks\nTrump also revealed that he has a plan.',
    ['Trump’s Push for Talks', 'Trump also revealed that he has a plan.']
  ],
  [
    'article: heading line without a stop',
    'What Comes Next\nWhile Trump insists US troops will not be sent, he acknowledged that the US will “help out” alongside Europe.',
    [
      'What Comes Next',
      'While Trump insists US troops will not be sent, he acknowledged that the US will “help out” alongside Europe.'
    ]
  ],
  [
    'article: hashtags line',
    'For now, the focus remains on securing meaningful talks.\n#UkraineWar #Trump #Zelensky',
    ['For now, the focus remains on securing meaningful talks.', '#UkraineWar #Trump #Zelensky']
  ],
  // Lists and rankings
  ['ranking on lines', '1. Finland\n2. Denmark\n3. Iceland', ['1. Finland', '2. Denmark', '3. Iceland']],
  [
    'ranking on one line',
    '1. Finland 2. Denmark 3. Iceland 4. Sweden',
    ['1. Finland', '2. Denmark', '3. Iceland', '4. Sweden']
  ],
  [
    'ranking with parentheses after a heading',
    'Top three:\n1) Finland\n2) Denmark\n3) Iceland',
    ['Top three:', '1) Finland', '2) Denmark', '3) Iceland']
  ],
  [
    'hyphen list of figures',
    '- Inflation: 3.2%\n- Unemployment: 4.1%\n- Growth: 1.8%',
    ['- Inflation: 3.2%', '- Unemployment: 4.1%', '- Growth: 1.8%']
  ],
  [
    'lettered options on one line',
    'a) raise taxes b) cut spending c) borrow more',
    ['a) raise taxes', 'b) cut spending', 'c) borrow more']
  ],
  [
    'dated lines',
    'Key dates:\nMarch 3: Primary\nNov. 5: Election',
    ['Key dates:', 'March 3: Primary', 'Nov. 5: Election']
  ],
  [
    'medal table lines',
    'The winners:\nGold: Norway\nSilver: Germany\nBronze: Canada',
    ['The winners:', 'Gold: Norway', 'Silver: Germany', 'Bronze: Canada']
  ],
  [
    'ordinal words',
    'First, the council voted. Second, the mayor signed it. Third, the law took effect.',
    ['First, the council voted.', 'Second, the mayor signed it.', 'Third, the law took effect.']
  ],
  [
    'numbered sentences on lines',
    '1. The council voted on Tuesday.\n2. The mayor signed the bill.\n3. The law takes effect in May.',
    ['1. The council voted on Tuesday.', '2. The mayor signed the bill.', '3. The law takes effect in May.']
  ],
  [
    'ranking with names and scores',
    '1. Norway 16 gold\n2. Germany 12 gold\n3. Canada 11 gold',
    ['1. Norway 16 gold', '2. Germany 12 gold', '3. Canada 11 gold']
  ],
  [
    'numbered list with two sentences in an item',
    '1. Prices rose. Wages did not.\n2. Rents doubled.',
    ['1. Prices rose.', 'Wages did not.', '2. Rents doubled.']
  ],
  ['asterisk bullets', '* Turnout: 61%\n* Spoiled ballots: 2,104', ['* Turnout: 61%', '* Spoiled ballots: 2,104']],
  [
    'ranking with full stops after names',
    '1. Finland. 2. Denmark. 3. Iceland.',
    ['1. Finland.', '2. Denmark.', '3. Iceland.']
  ],
  // Citations and references
  [
    'footnote marker after the stop',
    'Emissions fell by 4%.[12] The report was published in March.',
    ['Emissions fell by 4%.[12]', 'The report was published in March.']
  ],
  [
    'spaced footnote marker after the stop',
    'Emissions fell by 4%. [12] The report was published in March.',
    ['Emissions fell by 4%. [12]', 'The report was published in March.']
  ],
  [
    'parenthetical citation after the stop',
    'The claim has been debunked. (Reuters, 2023) Officials still repeat it.',
    ['The claim has been debunked. (Reuters, 2023)', 'Officials still repeat it.']
  ],
  [
    'page reference',
    'See p. 55 of the report. It lists every donor.',
    ['See p. 55 of the report.', 'It lists every donor.']
  ],
  [
    'pages reference',
    'The rules are on pp. 12-14 of the filing. They were added in 2019.',
    ['The rules are on pp. 12-14 of the filing.', 'They were added in 2019.']
  ],
  [
    'No. before a number',
    'The resolution, No. 1026, passed easily. Three members abstained.',
    ['The resolution, No. 1026, passed easily.', 'Three members abstained.']
  ],
  [
    'Fig. before a number',
    'The figures are in Fig. 3 of the appendix. They show a sharp rise.',
    ['The figures are in Fig. 3 of the appendix.', 'They show a sharp rise.']
  ],
  [
    'Art. opening a sentence',
    'Art. 5 of the treaty covers mutual defense. NATO has invoked it once.',
    ['Art. 5 of the treaty covers mutual defense.', 'NATO has invoked it once.']
  ],
  [
    'flight number',
    'The flight, No. 370, vanished in 2014. Debris was later found.',
    ['The flight, No. 370, vanished in 2014.', 'Debris was later found.']
  ],
  [
    'No. as a one-word answer',
    'Was the claim true? No. The figures were wrong.',
    ['Was the claim true?', 'No.', 'The figures were wrong.']
  ],
  [
    'Vol. and No.',
    'It appeared in Vol. 12, No. 3 of the journal. The editors later retracted it.',
    ['It appeared in Vol. 12, No. 3 of the journal.', 'The editors later retracted it.']
  ],
  [
    'section symbol',
    'The law (§ 230) protects platforms. Critics want it changed.',
    ['The law (§ 230) protects platforms.', 'Critics want it changed.']
  ],
  // Ellipses
  ['ellipsis before a capital', 'He paused… Then he answered.', ['He paused…', 'Then he answered.']],
  ['ellipsis before a lower-case word', 'We tried... but it didn’t work.', ['We tried... but it didn’t work.']],
  [
    'ellipsis inside a sentence',
    'The plan … was never put to a vote. Nobody asked why.',
    ['The plan … was never put to a vote.', 'Nobody asked why.']
  ],
  // No space after the stop, addresses and handles
  [
    'no space after the stop',
    'The vote failed.Officials said they would try again.',
    ['The vote failed.', 'Officials said they would try again.']
  ],
  [
    'no space after a percent',
    'Prices rose 5%.The central bank acted.',
    ['Prices rose 5%.', 'The central bank acted.']
  ],
  [
    'email address ending a sentence',
    'Send tips to news@example.com. We read every one.',
    ['Send tips to news@example.com.', 'We read every one.']
  ],
  [
    'web address ending a sentence',
    'Read the report at www.gov.uk/report.pdf. It runs to 80 pages.',
    ['Read the report at www.gov.uk/report.pdf.', 'It runs to 80 pages.']
  ],
  [
    'domain name mid-sentence',
    'The site example.com went down. Users complained.',
    ['The site example.com went down.', 'Users complained.']
  ],
  [
    'handle mid-sentence',
    'The account @NWS.Alerts posted a warning. Residents were told to leave.',
    ['The account @NWS.Alerts posted a warning.', 'Residents were told to leave.']
  ],
  // Questions, exclamations, dashes and other punctuation
  [
    'three short questions',
    'What happens next? Nobody knows. The board meets in June.',
    ['What happens next?', 'Nobody knows.', 'The board meets in June.']
  ],
  ['question then a plural noun', 'Is it legal? Experts are divided.', ['Is it legal?', 'Experts are divided.']],
  ['exclamations', 'Stop! Police! Drop the weapon!', ['Stop!', 'Police!', 'Drop the weapon!']],
  [
    'em dashes',
    'The report — released on Monday — says otherwise. Its authors stand by it.',
    ['The report — released on Monday — says otherwise.', 'Its authors stand by it.']
  ],
  [
    'semicolon is not a boundary',
    'Prices rose; wages did not. Families felt it.',
    ['Prices rose; wages did not.', 'Families felt it.']
  ],
  [
    'colon before a quote',
    'The sign read: “Closed until further notice.” Nobody knew why.',
    ['The sign read: “Closed until further notice.”', 'Nobody knew why.']
  ],
  [
    'parenthetical sentence after a sentence',
    'The company denied wrongdoing. (It later settled for $5 million.) The case is closed.',
    ['The company denied wrongdoing.', '(It later settled for $5 million.)', 'The case is closed.']
  ],
  [
    'sentence ending in a parenthesis',
    'The tax was repealed (in 2017). Revenue fell.',
    ['The tax was repealed (in 2017).', 'Revenue fell.']
  ],
  [
    'question ending in a parenthesis',
    'Who approved it (and when)? Nobody would say.',
    ['Who approved it (and when)?', 'Nobody would say.']
  ],
  [
    'lower-case brand after a stop',
    'The deal closed in May. eBay shares rose.',
    ['The deal closed in May.', 'eBay shares rose.']
  ],
  ['interrobang-free rhetorical question', 'Really? The minister said that?', ['Really?', 'The minister said that?']],
  [
    'no-break space after a title',
    'Mr.\u00A0Smith declined to comment. His lawyer did not respond.',
    ['Mr.\u00A0Smith declined to comment.', 'His lawyer did not respond.']
  ],
  [
    'long sentence with many commas',
    'The bill, which passed 220-212 after a night of debate, raises the limit, cuts spending, and delays the deadline. It now goes to the Senate.',
    [
      'The bill, which passed 220-212 after a night of debate, raises the limit, cuts spending, and delays the deadline.',
      'It now goes to the Senate.'
    ]
  ],
  [
    'sentence opening with a quote mark',
    'The vote was close. “We won,” the mayor said.',
    ['The vote was close.', '“We won,” the mayor said.']
  ],
  [
    'abbreviation ending a paragraph line',
    'Reporting by Jane Doe in Washington, D.C.\nEditing by John Smith',
    ['Reporting by Jane Doe in Washington, D.C.', 'Editing by John Smith']
  ],
  [
    'dateline',
    'KYIV, Ukraine (AP) — Russian drones struck the city overnight. Two people were killed.',
    ['KYIV, Ukraine (AP) — Russian drones struck the city overnight.', 'Two people were killed.']
  ],
  [
    'dateline with an abbreviation',
    'WASHINGTON (Reuters) - The U.S. Senate passed the bill on Friday. It now goes to the House.',
    ['WASHINGTON (Reuters) - The U.S. Senate passed the bill on Friday.', 'It now goes to the House.']
  ],
  [
    'correction note',
    'Correction: An earlier version of this story misstated the date. The vote was on May 4.',
    ['Correction: An earlier version of this story misstated the date.', 'The vote was on May 4.']
  ],
  [
    'quoted title mid-sentence',
    'The book “Fire and Fury” sold 1.7 million copies. Its author stands by it.',
    ['The book “Fire and Fury” sold 1.7 million copies.', 'Its author stands by it.']
  ],
  [
    'sentence ending in an abbreviation and quote',
    'He said the money went to “Acme Inc.” The firm denies it.',
    ['He said the money went to “Acme Inc.”', 'The firm denies it.']
  ],
  [
    'photo caption credit',
    'Firefighters work at the scene on Tuesday. (Photo: John Smith/AP)',
    ['Firefighters work at the scene on Tuesday. (Photo: John Smith/AP)']
  ],
  [
    'percent and points',
    'Support fell 4.5 points to 38%. It was his lowest rating.',
    ['Support fell 4.5 points to 38%.', 'It was his lowest rating.']
  ],
  [
    'fraction of a second',
    'She won by 0.02 seconds. It was a world record.',
    ['She won by 0.02 seconds.', 'It was a world record.']
  ],
  [
    'version number',
    'The app was updated to version 2.1.3. Users reported crashes.',
    ['The app was updated to version 2.1.3.', 'Users reported crashes.']
  ],
  [
    'i.e. mid-sentence',
    'The rule applies to large firms, i.e. those with 500 staff. Small firms are exempt.',
    ['The rule applies to large firms, i.e. those with 500 staff.', 'Small firms are exempt.']
  ],
  [
    'e.g. mid-sentence',
    'Some states, e.g. Texas, sued. Others waited.',
    ['Some states, e.g. Texas, sued.', 'Others waited.']
  ],
  [
    'Jan. before a capital word',
    'The law passed in Jan. The courts blocked it in March.',
    ['The law passed in Jan.', 'The courts blocked it in March.']
  ]
]

const build = (source: SegmentCase['source'], raws: Raw[]): SegmentCase[] =>
  raws.map(([rule, text, expected]) => ({ source, rule, text, expected }))

export const segmentCorpus: SegmentCase[] = [...build('golden rules', golden), ...build('news copy', news)]
