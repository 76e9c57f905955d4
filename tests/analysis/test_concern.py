"""Concern screening: indirect disclosures caught, lessons about knife crime not flagged."""

from __future__ import annotations

import pytest

from analysis.concern import REASONS, screen_concern

ACCEPTED_FALSE_ALARM = pytest.mark.xfail(
    strict=True,
    reason="the statistical screen (analysis.concern_model) flags it: a false alarm accepted "
    "because that screen catches disclosures the patterns miss; the patterns do not flag it",
)


def test_pshe_knife_crime_lesson_is_not_a_concern():
    assert not screen_concern("we learned about knife crime in PSHE, it was useful", "en").flagged
    assert not screen_concern("we learnt why people carry knives in pshe", "en").flagged


def test_lesson_plus_real_person_is_still_a_concern():
    text = "we learnt about knife crime in pshe but my brother carries a knife"
    assert "weapon_carrying" in screen_concern(text, "en").reasons


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("I don't want to go home when he's drunk", "home_violence"),
        ("i hide in my room when they start shouting", "home_violence"),
        ("my mums boyfriend scares me", "home_violence"),
        ("honestly whats the point in living", "self_harm"),
        ("i think about killing myself sometimes", "self_harm"),
        ("an older guy on snap keeps asking me to meet up", "exploitation"),
        ("the olders asked my cousin to hold a package for them", "exploitation"),
        ("my uncle touches me when he visits", "sexual_abuse"),
        ("people in my year carry knives", "weapon_carrying"),
        ("some boys said they gonna shank me after school", "threatened"),
        ("there is no food at home so i come to school hungry", "neglect"),
    ],
)
def test_disclosures_are_flagged_with_a_stable_reason(text, reason):
    concern = screen_concern(text, "en")
    assert concern.flagged
    assert reason in concern.reasons
    assert set(concern.reasons) <= set(REASONS)


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("tata bije mamę jak jest pijany", "pl"),
        ("não quero ir para casa quando o meu padrasto bebe", "pt"),
        ("أبي يضربني", "ar"),
        ("میں گھر نہیں جانا چاہتا جب ابو شراب پیتے ہیں", "ur"),
        ("அப்பா குடித்துவிட்டு அம்மாவை அடிக்கிறார்", "ta"),
        ("I want to die", "ur"),  # English written into a non-English answer
    ],
)
def test_all_six_languages_are_screened(text, lang):
    assert screen_concern(text, lang).flagged


@pytest.mark.parametrize(
    "text",
    [
        "i feel safe at home",
        "the canteen food is rubbish",
        pytest.param("i dont feel threatened at school", marks=ACCEPTED_FALSE_ALARM),
        "my mum picks me up from school",
    ],
)
def test_ordinary_answers_are_not_flagged(text):
    assert screen_concern(text, "en") == screen_concern(text, "en").__class__(False, ())


def test_redaction_placeholders_do_not_hide_a_disclosure():
    assert screen_concern("[NAME] said he will stab me", "en").flagged


@pytest.mark.parametrize(
    "text",
    [
        # the forms named in issue 7 and the brief, and their everyday variants
        "scared to go home",
        "he hurts me",
        "she hurts me when mum isnt there",
        "he touches me",
        "i want to die",
        "i just wanna kill myself",
        "i cut myself",
        "older boys make me carry stuff",
        "someone said theyd stab me",
        "i carry a blade for protection",
        "i dont want to go home when hes drunk",
        "i sleep at friends so i dont have to go home",
        "i havent eaten since yesterday",
        "i am being followed home by a man",
        "life isnt worth living",
        "everyone would be better without me",
        "my boyfriend is 19 and i am 13",
        "a teacher keeps messaging me on snapchat late at night",
        "i flinch whenever my stepdad raises his voice",
        "they told me to kys",
        "this girl in my form has marks all up her arms",
        "there are people who carry knifes in my school",
        "i know people who sell drugs for older boys",
        "i feel like giving up on everything",
        "i stopped eating so i can be thin",
        "we got evicted and now we sleep in the car",
    ],
)
def test_indirect_and_varied_disclosures_are_flagged(text):
    assert screen_concern(text, "en").flagged


@pytest.mark.parametrize(
    "text",
    [
        "we learned about knife crime in pshe",
        "we had an assembly about county lines",
        "i would never carry a knife",
        "i feel safe at home",
        "i am scared of spiders",
        "mum makes me do my homework",
        "i fell off my bike and hurt my knee",
        "the older kids are nice to us",
        "people get robbed near the station sometimes",
        "knife arches at the station made me feel safer",
        "i dont like walking home alone at night",
        "walking home late at night is scary",
    ],
)
def test_more_ordinary_answers_are_not_flagged(text):
    assert not screen_concern(text, "en").flagged


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("ktoś powiedział że mnie dźgnie", "pl"),
        ("on mnie dotyka", "pl"),
        ("disseram que me iam esfaquear", "pt"),
        ("ando com uma faca para me proteger", "pt"),
        ("قالوا سيطعنونني", "ar"),
        ("وہ مجھے تکلیف دیتا ہے", "ur"),
    ],
)
def test_general_forms_in_other_languages(text, lang):
    assert screen_concern(text, lang).flagged


def test_ascii_compiled_patterns_match_exactly_like_the_unicode_ones():
    # ASCII answers use patterns compiled with re.ASCII (faster word boundaries); on ASCII text
    # they must find exactly what the Unicode-compiled patterns find.
    from analysis import concern
    from analysis._text import normalise
    from analysis.training_data import TRAINING_FILES, load

    texts = [normalise(it["text"]) for name in TRAINING_FILES for it in load(name)]
    texts = [t for t in texts if t.isascii()]
    fast, plain = concern._by_key(True), concern._by_key(False)
    for key, pattern in plain.items():
        for text in texts:
            a, b = fast[key].search(text), pattern.search(text)
            assert (a and a.span()) == (b and b.span()), (key, text)


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        # the indirect forms named in the brief for this revision
        ("my uncle makes me keep secrets", "en"),
        ("i dont want to be here anymore", "en"),
        ("someone at home hits me when hes drunk", "en"),
        # more ways pupils say it: misspelt, txt-speak, indirect
        ("i want to kill myslef", "en"),
        ("sometimes i think of sucide", "en"),
        ("i get the belt if i answer back", "en"),
        ("i sleep with a chair against my door", "en"),
        ("dad is in one of his moods again so i stayed out", "en"),
        ("i dont see the point in living", "en"),
        ("my cousin goes missing for days and comes back with cash", "en"),
        ("a man asked how old i was and if i wanted a lift", "en"),
        ("some guy keeps messaging me saying hell pay me to send pics", "en"),
        ("i know people who carry", "en"),
        ("people from another area are beefing with me", "en"),
        ("mum doesnt come home some nights", "en"),
        ("someone spiked my drink at a party", "en"),
        # the other languages, in script and as pupils type them in Latin letters
        ("ojciec mnie leje pasem", "pl"),
        ("nie chce mi sie zyc", "pl"),
        ("o meu pai dá-me porrada", "pt"),
        ("quero desaparecer para sempre", "pt"),
        ("تعبت من الحياة", "ar"),
        ("ما أكلت من امبارح", "ar"),
        ("abu mujhe roz maarte hain", "ur"),
        ("mera dil karta hai khudkushi kar loon", "ur"),
        ("اب جینے کا دل نہیں کرتا", "ur"),
        ("appa kudichitu vandha adikkaru", "ta"),
        ("naan saaga poren", "ta"),
        ("வீட்டில் சாப்பிட ஒன்றுமில்லை", "ta"),
    ],
)
def test_third_revision_phrasings_are_flagged(text, lang):
    assert screen_concern(text, lang).flagged


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        # a negation just before the harm, with only adverbs and auxiliaries between
        ("nobody at home would ever hurt me", "en"),
        pytest.param("my dad has never hit me", "en", marks=ACCEPTED_FALSE_ALARM),
        ("i have never carried a knife", "en"),
        ("ninguém me bate em casa", "pt"),
        ("ما حدا بيضربني", "ar"),
        # saying who one would tell is about help, not a disclosure
        ("i would tell a teacher if someone was hurting me", "en"),
        # figures of speech and safety measures
        ("id die for my friends they are the best", "en"),
        ("im glad we have knife arches now", "en"),
        # fear of the walk home in the dark is not fear of home
        ("tenho medo de voltar para casa a pé quando está escuro", "pt"),
        ("أخاف أن أمشي إلى البيت في الليل", "ar"),
    ],
)
def test_negated_hypothetical_and_figurative_answers_are_not_flagged(text, lang):
    assert not screen_concern(text, lang).flagged


def test_a_negation_further_back_does_not_hide_a_disclosure():
    assert screen_concern("nobody knows he hurts me", "en").flagged
    assert screen_concern("ninguém sabe que o meu pai me bate", "pt").flagged


@pytest.mark.parametrize(
    "text",
    [
        # home set against everywhere else
        "i feel safe everywhere except at home",
        "school is the only place i feel safe",
        "i wish i could live at school",
        "i dread the weekends because im at home with him",
        "i cant relax at home",
        # telling, not being believed, and the fear of what telling would cost
        "i told a teacher about my dad but they did nothing",
        "nobody believed me when i said what happened",
        "he does it when mum is at work",
        "if i tell they will split us up",
        "i dont want my dad to go to prison",
        # statutory involvement and urges after stopping
        "i have a social worker because of stuff at home",
        "i havent cut in a while but i want to",
    ],
)
def test_home_set_apart_telling_and_its_cost_are_flagged(text):
    assert screen_concern(text, "en").flagged


@pytest.mark.parametrize(
    "text",
    [
        "home is the only place i feel safe",
        "i told a teacher about the bullying and they sorted it",
        "the police came to talk about knife crime",
    ],
)
def test_their_look_alikes_are_not(text):
    assert not screen_concern(text, "en").flagged


@pytest.mark.parametrize(
    ("text", "lang", "reason"),
    [
        # fourth revision (2026.4): one or more probes per vocabulary class added, with its reason
        (
            "when my dad gets home from work everyone goes silent and we keep out of his way",
            "en",
            "home_violence",
        ),
        ("my heart drops when i hear his car pull up", "en", "home_violence"),
        (
            "mum keeps a bag packed by the door in case we need to leave quick",
            "en",
            "home_violence",
        ),
        ("my stepdad cracked my mums ribs", "en", "home_violence"),
        ("the neighbours rang the police again cos of the screaming", "en", "home_violence"),
        ("my mum lamps me when i forget to do the dishes", "en", "home_violence"),
        ("my step dad keeps hittin me and my sister", "en", "home_violence"),
        (
            "my boyfriend tracks my location and goes mad if i talk to other boys",
            "en",
            "home_violence",
        ),
        ("my mums boyfriend doesnt let her leave the house", "en", "home_violence"),
        ("my step dad calls me a slag", "en", "home_violence"),
        ("dad gave me a black eye", "en", "home_violence"),
        ("he still does it sometimes", "en", "home_violence"),
        ("he put his hand up my top at the party", "en", "sexual_abuse"),
        ("a lad in year 10 sent me a pic of his thing", "en", "sexual_abuse"),
        ("my stepdad climbs into bed with me when mum is at work", "en", "sexual_abuse"),
        ("my uncle held me down and did stuff i didnt want", "en", "sexual_abuse"),
        ("he told me i mustnt tell anyone or id get in trouble", "en", "sexual_abuse"),
        ("she said nobody would ever believe me anyway", "en", "sexual_abuse"),
        ("my mums friend filmed me while i was getting changed", "en", "sexual_abuse"),
        ("my sister says our uncle comes in her room at night", "en", "sexual_abuse"),
        ("my uncle is a pervert", "en", "sexual_abuse"),
        ("the man next door looks into my bedroom window", "en", "sexual_abuse"),
        ("i want to fall asleep and never wake up", "en", "self_harm"),
        ("i just wanna stop existing for a bit", "en", "self_harm"),
        ("ive been hiding paracetamol in my room", "en", "self_harm"),
        ("i keep going to the bridge near my house and thinking about jumping", "en", "self_harm"),
        ("i wrote a note for my mum for when im gone", "en", "self_harm"),
        ("my best mate gave away all her clothes", "en", "self_harm"),
        ("i scratch my wrists with a compass when it gets too much", "en", "self_harm"),
        ("what even is the point", "en", "self_harm"),
        ("i took an od last month", "en", "self_harm"),
        ("i dont wana be alive no more", "en", "self_harm"),
        ("i wnt 2 die", "en", "self_harm"),
        ("i know how i would do it", "en", "self_harm"),
        ("i dont think ill still be around next year", "en", "self_harm"),
        ("i wont be a problem for much longer", "en", "self_harm"),
        ("im thinking about ending things", "en", "self_harm"),
        ("sometimes i think about walking into traffic", "en", "self_harm"),
        ("i wouldnt mind if i didnt wake up tomorrow", "en", "self_harm"),
        ("i have to wear long sleeves so no one sees my arms", "en", "self_harm"),
        ("my life is pointless", "en", "self_harm"),
        ("i hate my life and i want out", "en", "self_harm"),
        ("a man on fortnite keeps asking what im wearing", "en", "exploitation"),
        ("they want me to do a few runs for them after school", "en", "exploitation"),
        ("he says if i really loved him i would send pics", "en", "exploitation"),
        ("my brother was given a burner phone", "en", "exploitation"),
        ("a guy on discord wants me to join his group", "en", "exploitation"),
        ("i work every night at my uncles shop and dont get paid", "en", "exploitation"),
        ("i carry scissors in my blazer in case someone starts on me", "en", "weapon_carrying"),
        ("my mate has his strap on him every day", "en", "weapon_carrying"),
        ("a car keeps driving slowly behind me when i walk home", "en", "threatened"),
        ("they said theyre gonna break my legs", "en", "threatened"),
        ("my ex threatened to make me regret it", "en", "threatened"),
        ("some guy held a knife to my throat", "en", "threatened"),
        ("a gang keeps chasing my little cousin", "en", "threatened"),
        ("they said im a dead man", "en", "threatened"),
        ("i got bottled outside the chicken shop", "en", "threatened"),
        ("ive worn the same clothes all week", "en", "neglect"),
        ("dad went away for the weekend and left me and my brother with no food", "en", "neglect"),
        ("the only meal i get is school dinner", "en", "neglect"),
        ("mum is always off her face when i get home", "en", "neglect"),
        ("theres rats in our flat and damp everywhere", "en", "neglect"),
        ("mum wont take me to the dentist", "en", "neglect"),
        ("there is no one to look after us after school", "en", "neglect"),
        ("mum spends all the money on drink", "en", "neglect"),
        ("mum is a drug addict", "en", "neglect"),
        ("ojczym sie nade mna znecal", "pl", "home_violence"),
        ("tata mnie popchnal na sciane", "pl", "home_violence"),
        ("nie widze sensu zycia", "pl", "self_harm"),
        ("chcialbym zasnac i sie nie obudzic", "pl", "self_harm"),
        ("gdybym umarla nikt by nie zauwazyl", "pl", "self_harm"),
        ("kazali mi wozic towar", "pl", "exploitation"),
        ("obcy facet pisze do mnie w nocy", "pl", "exploitation"),
        ("mam noz przy sobie", "pl", "weapon_carrying"),
        ("oni wiedza gdzie mieszkam", "pl", "threatened"),
        ("zostaje sam w domu na caly tydzien", "pl", "neglect"),
        ("w domu nie ma pradu", "pl", "neglect"),
        ("tenho pavor do meu padrasto", "pt", "home_violence"),
        ("meu pai me espancou ontem", "pt", "home_violence"),
        ("o meu tio passa a mão nas minhas pernas", "pt", "sexual_abuse"),
        ("ele diz que é o nosso segredo", "pt", "sexual_abuse"),
        ("estou farta de viver", "pt", "self_harm"),
        ("tenho vontade de morrer", "pt", "self_harm"),
        ("não vejo sentido na vida", "pt", "self_harm"),
        ("um homem pediu para eu mandar fotos", "pt", "exploitation"),
        ("o tráfico quer que eu trabalhe pra eles", "pt", "exploitation"),
        ("ele anda sempre com uma navalha", "pt", "weapon_carrying"),
        ("tem um cara que me segue na rua", "pt", "threatened"),
        ("fico dias sem comer", "pt", "neglect"),
        ("minha mãe bebe e me deixa sozinha", "pt", "neglect"),
        ("خايفه من ابوي", "ar", "home_violence"),
        ("ابوي سكران دايما", "ar", "home_violence"),
        ("عمي بيتحرش فيني", "ar", "sexual_abuse"),
        ("ما عاد بدي عيش", "ar", "self_harm"),
        ("بدي انهي حياتي", "ar", "self_harm"),
        ("في ولد بيجيب موس عالمدرسة", "ar", "weapon_carrying"),
        ("ما في حدا يهتم فيني", "ar", "neglect"),
        ("ما عندي اكل بالبيت", "ar", "neglect"),
        ("abbu se bohat dar lagta hai", "ur", "home_violence"),
        ("mujhe roz maar padti hai", "ur", "home_violence"),
        ("مجھے ڈر لگتا ہے ابو سے", "ur", "home_violence"),
        ("چاچو مجھے غلط جگہ ہاتھ لگاتے ہیں", "ur", "sexual_abuse"),
        ("ek aadmi mujhe ghalat messages bhejta hai", "ur", "sexual_abuse"),
        ("dil karta hai sab khatam kar doon", "ur", "self_harm"),
        ("mujhe jeena nahi hai", "ur", "self_harm"),
        ("ek aadmi mujhse tasveer maang raha hai", "ur", "exploitation"),
        ("us ke paas pistol hai", "ur", "weapon_carrying"),
        ("woh kehte hain tujhe dekh lenge", "ur", "threatened"),
        ("ammi kai din se ghar nahi aayi", "ur", "neglect"),
        ("koi meri parwah nahi karta", "ur", "neglect"),
        ("mama ennai thoduraaru", "ta", "sexual_abuse"),
        ("யாருக்கும் சொல்லக்கூடாதுன்னு சொன்னார்", "ta", "sexual_abuse"),
        ("enakku vaazha pidikkala", "ta", "self_harm"),
        ("kaiya vettikitten", "ta", "self_harm"),
        ("online la oruthan photo anuppa solraan", "ta", "exploitation"),
        ("avan kitta kathi irukku", "ta", "weapon_carrying"),
        ("ennai miratturaanga", "ta", "threatened"),
        ("amma veettukku varala", "ta", "neglect"),
        ("ennai thaniya vittuttu poyittanga", "ta", "neglect"),
    ],
)
def test_fourth_revision_classes_are_flagged_with_their_reason(text, lang, reason):
    assert reason in screen_concern(text, lang).reasons


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        # schoolwork hyperbole, in every language
        ("this maths test is gonna kill me", "en"),
        ("this exam is going to end me", "en"),
        ("ten sprawdzian mnie zabije", "pl"),
        ("essa prova vai me matar kkkk", "pt"),
        ("الامتحان رح يقتلني", "ar"),
        ("ye exam mujhe maar dalega yaar", "ur"),
        ("indha exam ennai kollum", "ta"),
        # a negation of the verb of harm inside the match
        ("my mum would never let anyone hurt us", "en"),
        pytest.param("tata nigdy mnie nie uderzył", "pl", marks=ACCEPTED_FALSE_ALARM),
        ("ghar mein koi mujhe nahi maarta", "ur"),
        # look-alikes of the new classes
        pytest.param(
            "when my dad gets home we all have dinner together", "en", marks=ACCEPTED_FALSE_ALARM
        ),
        ("my mum broke her arm skiing", "en"),
        ("i broke my arm playing rugby", "en"),
        ("i promised my friend i wouldnt tell anyone about her crush", "en"),
        ("we stood on the bridge and watched the fireworks", "en"),
        pytest.param(
            "i wrote a letter to my nan for her birthday", "en", marks=ACCEPTED_FALSE_ALARM
        ),
        ("whats the point of homework", "en"),
        ("i take scissors to school for art", "en"),
        pytest.param(
            "i only eat at school on fridays because its pizza day",
            "en",
            marks=ACCEPTED_FALSE_ALARM,
        ),
        ("my dad took me to the dentist today", "en"),
        ("mum goes away for work and my gran stays with us", "en"),
        ("a creepy man on the train kept staring at me", "en"),
        ("i get catcalled on the high street, its disgusting", "en"),
        pytest.param("zostaje sam w domu po szkole na godzine", "pl", marks=ACCEPTED_FALSE_ALARM),
        ("fico sozinho em casa depois da escola", "pt"),
    ],
)
def test_fourth_revision_look_alikes_are_not_flagged(text, lang):
    assert not screen_concern(text, lang).flagged


def test_a_threat_that_keeps_its_person_is_not_taken_for_hyperbole():
    assert screen_concern("my dad will kill me if i tell anyone about the test", "en").flagged


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        # fifth revision (2026.5): one or more probes per class, phrased unlike the blind dev set
        ("my mates wrists were all cut up in pe and she pulled her sleeves down", "self_harm"),
        ("she showed me her scars in the changing room", "self_harm"),
        ("the self harm urges came back last night", "self_harm"),
        ("i get urges to cut when im stressed", "self_harm"),
        ("i hold a razor to my thigh when it gets bad", "self_harm"),
        ("been burning myself with a hot spoon", "self_harm"),
        ("i dont feel safe around myself tonight", "self_harm"),
        ("im scared of what i might do", "self_harm"),
        ("her uncle climbs into bed with her when hes drunk", "sexual_abuse"),
        ("he pressures me to do things and i dont feel ready", "sexual_abuse"),
        ("my boyfriend pressures me into sending stuff", "sexual_abuse"),
        (
            "an older boy keeps dragging me into the changing rooms with him and i dont want to go",
            "sexual_abuse",
        ),
        ("a man i play fortnite with says im mature for my age", "exploitation"),
        ("someone on snap keeps asking for photos of me", "exploitation"),
        ("they said send 200 quid or else", "exploitation"),
        ("he says hell post the pics online if i stop talking to him", "exploitation"),
        ("this guy online says only he really gets me", "exploitation"),
        ("a boy i met on discord wants me to run away with him", "exploitation"),
        ("i spotted a lad at the bus stop with a machete", "weapon_carrying"),
        ("my cousin has a blade hidden under his mattress", "weapon_carrying"),
        ("always got my ting on me", "weapon_carrying"),
        ("i keep something on me for protection now", "weapon_carrying"),
        ("two boys held me against the lockers", "threatened"),
        ("they said next time ill get it worse", "threatened"),
        ("a man in a van asked me to hop in", "threatened"),
        ("a car kept crawling along next to me on the way home", "threatened"),
        ("my old boyfriend keeps waiting outside my school", "threatened"),
        ("we dont have any hot water so i cant wash", "neglect"),
        ("i sleep in my hoodie cos its freezing in my room", "neglect"),
        ("my trainers have holes in and nobody buys me new ones", "neglect"),
        ("dad blows all the money on betting", "neglect"),
        ("i havent had a proper meal in three days", "neglect"),
        ("my little sister is left in a soiled nappy all day", "neglect"),
        ("nobody washes my uniform", "neglect"),
        ("kids in my form say im smelly", "neglect"),
    ],
)
def test_fifth_revision_classes_are_flagged_with_their_reason(text, reason):
    assert reason in screen_concern(text, "en").reasons


@pytest.mark.parametrize(
    "text",
    [
        "my legs got scratched by brambles on the walk",
        "he got into bed early because he was tired",
        pytest.param(
            "my mates made me come to the cinema with them and i loved it",
            marks=ACCEPTED_FALSE_ALARM,
        ),
        "my nan wants a photo of me on my first day",
        "i pay my phone bill with my paper round money",
        pytest.param(
            "my dad wants me to come and live with him at weekends", marks=ACCEPTED_FALSE_ALARM
        ),
        "the knife is kept in the kitchen drawer",
        pytest.param("i always take a snack with me just in case", marks=ACCEPTED_FALSE_ALARM),
        pytest.param("we put our bags against the wall", marks=ACCEPTED_FALSE_ALARM),
        "next time i will revise more",
        "our teacher told us to get in line",
        "my nan keeps turning up at our house with cake",
        pytest.param("our gas and electric are on a meter", marks=ACCEPTED_FALSE_ALARM),
        pytest.param("i fell asleep in my uniform after school", marks=ACCEPTED_FALSE_ALARM),
        "my jeans have rips in them, its the style",
        pytest.param("my mum spends all her money on us", marks=ACCEPTED_FALSE_ALARM),
        "i had not eaten since lunch so i was ready for tea",
        "my mum washes my uniform every sunday",
    ],
)
def test_fifth_revision_look_alikes_are_not_flagged(text):
    assert not screen_concern(text, "en").flagged


@pytest.mark.parametrize(
    "text",
    [
        # a past harm told as over
        "my stepdad used to hurt my mum but we moved out and were safe now",
        "i used to cut myself when i was in year 7 but im 3 years clean",
        "we lived in a hostel for a bit when i was little but weve got a house now",
        # contracted negations and "never been asked/made to"
        "nobodys ever hit me",
        "no ones threatened me",
        "no ones ever followed me home",
        # talks, vigils and articles about other people
        "the police came in and told us about a lad who got stabbed",
        "we had a talk by a charity about grooming",
        "there was a vigil at church for a boy who was stabbed",
        "i read an article about a girl who was groomed online",
        # hyperbole about good things and failing
        "that pizza was so good i could die",
        "im gonna die if i fail science",
    ],
)
def test_over_negated_lesson_and_hyperbole_answers_are_not_flagged(text):
    assert not screen_concern(text, "en").flagged


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        # a past harm that goes on, or comes back, is still flagged
        ("i used to cut when i was younger and lately the urges are back", "self_harm"),
        ("my dad used to hit me and he still does when hes drunk", "home_violence"),
        ("i try not to self harm but i did it again last night", "self_harm"),
        ("i was so scared i could die when he grabbed me", "threatened"),
        ("nobody knows my stepdad hits me", "home_violence"),
    ],
)
def test_past_and_negation_look_alikes_that_are_disclosures_are_flagged(text, reason):
    assert reason in screen_concern(text, "en").reasons


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        # fifth revision, wider: classes found by probing beyond the blind dev set
        ("she swallowed a handful of her nans painkillers", "self_harm"),
        ("i keep thinkin about endin it all", "self_harm"),
        ("mum hasnt come home for two nights", "neglect"),
        ("our gas got cut off and its so cold", "neglect"),
        ("i have to feed my baby sister cos mum is always passed out", "neglect"),
        ("i sit in the bathroom till the shouting stops", "home_violence"),
        ("i hide in the shed when my stepdad gets home drunk", "home_violence"),
        ("my mums boyfriend chucked a mug at her head", "home_violence"),
        ("my brothers friend tried to kiss me when i was asleep", "sexual_abuse"),
        ("he said if i dont send more pics hell post the old ones on insta", "exploitation"),
        ("a stranger at the shops asked for my snap", "exploitation"),
        ("these older girls made me nick vapes for them", "exploitation"),
    ],
)
def test_wider_fifth_revision_classes_are_flagged_with_their_reason(text, reason):
    assert reason in screen_concern(text, "en").reasons


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("i took some paracetamol for my headache", marks=ACCEPTED_FALSE_ALARM),
        "the electric got cut off for an hour in the storm",
        "i have to look after my little sister on saturdays while mum goes shopping",
        pytest.param(
            "my mum hasnt been home since 8 this morning, shes at work", marks=ACCEPTED_FALSE_ALARM
        ),
        "my sister chucked a pillow at me lol",
        "my teacher said shell send the photos to our parents after the trip",
        "i sleep in my hoodie because i like it",
        pytest.param(
            "my friend showed me her arms, she got a new tattoo", marks=ACCEPTED_FALSE_ALARM
        ),
        "the car slowed down to let me cross",
        "my uncle tried to teach me to drive",
    ],
)
def test_wider_fifth_revision_look_alikes_are_not_flagged(text):
    assert not screen_concern(text, "en").flagged


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        # misspellings pupils type: reflexives, touch, "wana", nudes; a parent who never feeds them
        ("i burnt myslef again", "self_harm"),
        ("honestly i dont wana be alive", "self_harm"),
        ("her stepdad tuched her", "sexual_abuse"),
        ("some man on tiktok keeps asking for noods", "exploitation"),
        ("dad never gets us any food", "neglect"),
    ],
)
def test_misspelt_classes_are_flagged_with_their_reason(text, reason):
    assert reason in screen_concern(text, "en").reasons


@pytest.mark.parametrize(
    "text",
    ["i never buy food at the canteen, i bring a packed lunch", "the teacher touched on grammar"],
)
def test_misspelt_class_look_alikes_are_not_flagged(text):
    assert not screen_concern(text, "en").flagged
