"""Build tests/data/pii_eval.jsonl from the marked-up pupil comments below.

Each item is written with inline markers ``{{TYPE:text}}``; this script strips
them and records the offsets, so the labels cannot drift from the text. Every
comment is invented for evaluation (no real pupil wrote it; names, numbers and
addresses are made up; phone numbers use Ofcom's drama ranges where possible).
Non-English items are drafts for native-speaker review (``"draft": true``).

The split is fixed by a hash of the text: ``pii_dev`` (tune on it) and
``pii_test`` (held out: report on it, do not tune on it). ``pii_fresh`` was
written after the redactor was finished and is reported, never tuned on.

    python tests/data/make_pii_eval.py   # rewrites tests/data/pii_eval.jsonl
"""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path

MARK = re.compile(r"\{\{([A-Z]+):(.+?)\}\}")
TYPES = {"PERSON", "PHONE", "EMAIL", "POSTCODE", "ADDRESS", "SCHOOL", "HANDLE", "URL"}

#: Registered schools the bench passes to the redactor (as the backend does).
SCHOOLS = [
    "Cheam High School",
    "Carshalton Boys Sports College",
    "Carshalton High School for Girls",
    "Glenthorne High School",
    "Greenshaw High School",
    "Nonsuch High School for Girls",
    "Overton Grange School",
    "St Philomena's Catholic High School for Girls",
    "Stanley Park High",
    "Sutton Grammar School",
    "Wallington County Grammar School",
    "Wallington High School for Girls",
    "Wilson's School",
    "Harris Academy Sutton",
    "Oaks Park High School",
    "The Link Secondary School",
    "Limes College",
    "Demo Academy",
]

EN = r"""
i dont feel safe walking past the station at night
{{PERSON:jamie}} keeps following me home and its scary
my friend {{PERSON:tyler}} got jumped near the park
mr {{PERSON:patel}} is the only teacher who listens
miss {{PERSON:k}} said to tell someone but i dont want to
Mrs {{PERSON:Okafor}} helped me when i was being bullied
i will tell a teacher if something happens
i got a bad mark in maths and my dad shouted
the rose garden in the park is nice in the day
may i say that the lunch queue is the worst place
people say there is hope but i dont feel it
i have faith in my head of year
my bill for my phone got hacked lol
sutton high street is dodgy after dark
i feel unsafe in croydon and on the tram
cheam is fine but wallington station is scary
carshalton ponds at night is sketchy ngl
i rang childline once and they were nice
the nspcc came in to do an assembly
the police stopped my brother for no reason
i used kooth when i was feeling low
camhs took ages to see me
someone on snapchat sent me stuff i didnt ask for
tiktok has loads of fights from our school on it
people on instagram were rude about my weight
i play roblox and a man asked how old i was
whatsapp group chat is where the bullying happens
discord servers are full of weird people
call me on {{PHONE:07700 900123}} if you want to talk
my mums number is {{PHONE:07700900456}}
ring {{PHONE:+44 7700 900789}} pls
my number {{PHONE:+447700900321}}
{{PHONE:020 8770 5000}} is my house phone
home phone {{PHONE:(020) 8642 1234}}
{{PHONE:0208 661 5432}} is my nans
my old number was {{PHONE:07700-900-654}}
text {{PHONE:07700 900 111}} he said he would give me money
he gave me his number {{PHONE:07700900987}} and told me not to tell anyone
email me {{EMAIL:jamie.smith2011@gmail.com}}
my email is {{EMAIL:lilyrose_x@hotmail.co.uk}}
{{EMAIL:kyle.b@outlook.com}} is the guy who keeps messaging
send it to {{EMAIL:tia123 at gmail dot com}}
my school email is {{EMAIL:20smithj@greenshaw.sutton.sch.uk}}
he sent me a link {{URL:bit.ly/3xYz9Qw}} and it was bad
go on {{URL:www.childline.org.uk}} it helps
{{URL:https://www.tiktok.com/@ghostboy_22/video/7234}} this video is about our school
someone made a page {{URL:instagram.com/sutton.exposed}}
there is a website {{URL:http://rate-my-school.net/greenshaw}} with mean stuff
my snap is {{HANDLE:jamie_b2011}}
add me on snap {{HANDLE:lily.rose09}}
my insta is {{HANDLE:@tyler.x}} if u want
ig: {{HANDLE:kayla_xo}}
add me on insta its {{HANDLE:maddie.h}}
{{HANDLE:@sutton_fights}} posts videos of kids getting beat up
my tiktok is {{HANDLE:bigman_dev}}
sc {{HANDLE:jjay_09}}
he added me on snap {{HANDLE:zzz.kyle}} and asked for pics
the account {{HANDLE:@exposed.sm1}} posted my photo
i live at {{POSTCODE:SM1 1AA}}
{{POSTCODE:sm5 3px}} is where it happened
my postcode is {{POSTCODE:CR4 3UB}}
near {{POSTCODE:SM2 6JG}} there is a alley
i live in {{POSTCODE:SM6}} and its fine
i live at {{ADDRESS:12 Oak Road}}
{{ADDRESS:flat 3, 45 High Street}} is where i live with my mum
he lives on {{ADDRESS:27 collingwood road}}
we moved to {{ADDRESS:8 Mulgrave Close}} {{POSTCODE:SM2 6LF}}
my address is {{ADDRESS:101 Gander Green Lane}}
the high street is scary at night
the park near the station has people smoking weed
i go to {{SCHOOL:greenshaw}} and its ok
at {{SCHOOL:Cheam High}} there are fights every week
{{SCHOOL:overton grange}} is better than my old school
people from {{SCHOOL:Harris Academy Sutton}} wait outside our gates
{{SCHOOL:Wilson's}} boys are stuck up
my cousin goes to {{SCHOOL:Nonsuch}} and says its fine
my old school {{SCHOOL:St Mary's Primary School}} was much safer
i moved from {{SCHOOL:Riverside Academy}} last year
{{SCHOOL:Glenthorne}} has a good wellbeing room
i dont feel safe in my school because of year 11s
in high school people are meaner than primary
{{PERSON:mohammed}} and {{PERSON:ali}} get picked on for being muslim
{{PERSON:priya}} got called names because of her skin
my mate {{PERSON:kacper}} gets called polish slurs
{{PERSON:Oliwia}} cried in the toilets because of what {{PERSON:Jess}} said
{{PERSON:connor}} said he has a knife in his bag
{{PERSON:Tyrese}} told me theres a group that robs kids
{{PERSON:harry}} and {{PERSON:charlie}} bully the year 7s
me and {{PERSON:Will}} walk home together so its safer
my friend {{PERSON:mark}} got stabbed last year
a girl called {{PERSON:rose}} got her phone nicked
{{PERSON:Grace}} is my best friend and she helps me
{{PERSON:jaimee}} keeps starting rumours
{{PERSON:mohamad}} gets bullied alot
{{PERSON:sophie w}} is not a nice person
{{PERSON:Aisha Khan}} is being targeted by older girls
{{PERSON:jake thompson}} brought a blade to school
{{PERSON:Kuba}} and {{PERSON:Szymon}} got into a fight with year 10s
{{PERSON:Leo}} is always on his own at lunch
{{PERSON:ethan}} says hes in a gang now
my brother {{PERSON:reuben}} got robbed on the bus
my stepdad {{PERSON:gary}} shouts at my mum
my sister {{PERSON:chloe}} is scared of our dad
mr {{PERSON:hughes}} takes bullying seriously
ms {{PERSON:begum}} is the safeguarding lead and she is nice
Mr {{PERSON:Kowalski}} shouted at a kid for his accent
sir said we will have an assembly about knife crime
i miss my old friends from primary
i really miss home
people will say things online they wont say to your face
will anyone actually read this
mark my words someone is going to get hurt
the teachers mark our books but dont notice whats going on
hope this survey helps
grace period for homework is a joke
april was the worst month for fights
in may there was a stabbing near the shops
my dad is called {{PERSON:Bill}} and he drinks too much
{{PERSON:pat}} from year 9 keeps hitting me
i have to pat down my pockets to check my phone is still there
{{PERSON:Ben}} took my bag and threw it
{{PERSON:Amir}} and {{PERSON:Yusuf}} are nice
{{PERSON:Tamara}} and {{PERSON:Nikita}} spread my nudes
{{PERSON:Deji}} from year 11 sells vapes
{{PERSON:Chidi}} got stopped and searched
{{PERSON:Thanushan}} gets teased about his name
{{PERSON:Keerthana}} and {{PERSON:Harini}} were called names
a boy named {{PERSON:Zayn}} threatened me
he's called {{PERSON:Rico}} and hes 19
someone called {{PERSON:big t}} tried to get me to hold stuff
i feel safe at home
i feel safe at school mostly
online i feel less safe because of strangers
my mum checks my phone which makes me feel safe
not safe on the 154 bus
the 213 bus at 3:30 is so packed and people fight
its fine
idk
nothing to add
the underpass by sutton station smells and men hang around
i get followed in tesco by security because im black
the lads at the skatepark shout at girls
i dont trust the police tbh
there should be more lights in the park
{{PERSON:DANIEL}} IS A BULLY AND NO ONE DOES ANYTHING
WHY DOES NOBODY LISTEN
my friend {{PERSON:jaxon}} got jumped for his jacket
{{PERSON:kayden}} said he would beat me up after school
{{PERSON:Mia}} and {{PERSON:Ava}} excluded me from the group chat
{{PERSON:Ruby}} is kind to everyone
ruby red was my favourite colour
{{PERSON:lily}} said she would kill herself
the lily pads at the pond are nice
{{PERSON:jack}} jumped me
{{PERSON:Noah}} is being groomed by an older guy i think
{{PERSON:Isabella Costa}} told a teacher and it stopped
{{PERSON:Mason}} and his mates vape in the toilets
the mason jar thing in art was fun
Mr {{PERSON:Jones}} is rude
{{PERSON:Jones}} from year 8 keeps taking my stuff
dr {{PERSON:singh}} at the gp was helpful
{{PERSON:Callum}} got his phone robbed at knife point at the station
my bf {{PERSON:Jordan}} is controlling
""".strip("\n")

EN2 = r"""
i was walking home from {{SCHOOL:Greenshaw High School}} and a man followed me
{{SCHOOL:Sutton Grammar}} boys act like they own the place
at {{SCHOOL:st phils}} they take bullying serious
the girls at {{SCHOOL:Wallington High School for Girls}} are nice
my old school {{SCHOOL:Carew Academy}} was better for me
i want to go to {{SCHOOL:Stanley Park High}} instead
people from {{SCHOOL:oaks park}} fight people from our school
my little brother goes to {{SCHOOL:Manor Park Primary}}
{{PERSON:tom}} said hes got a shank
he said his snap was {{HANDLE:t0m_sk1}}
dm me on insta {{HANDLE:@jaz.mxn}}
add me on tiktok {{HANDLE:lolaaa.xo}}
my discord is {{HANDLE:shadowkid#4821}}
roblox user {{HANDLE:xXSuttonGamerXx}}
a man called {{PERSON:Steve}} messages kids on roblox
i got a message from {{PHONE:07911 123456}} saying they know where i live
they said go to {{ADDRESS:22 Benhill Avenue}} to collect it
someone lives at {{ADDRESS:5b Brighton Road}} who sells drugs
my nan lives on {{ADDRESS:14 Cedar Road}} near the station
{{ADDRESS:Flat 12, 3 Throwley Way}} is where my dad lives
its {{POSTCODE:SM13EZ}} if u need it
{{POSTCODE:sw19 1ab}} is my dads
we live on the main road and its loud
brighton road is really busy and cars go too fast
the station road shops have people fighting
there was a fight at the bus stop on the high street
my teacher miss {{PERSON:rose}} is lovely
my tutor Ms {{PERSON:Hope}} listens
mr {{PERSON:bill}} the caretaker is kind
i will get help if i need it
will they find out who i am
{{PERSON:Will}} and {{PERSON:Sam}} bully me
{{PERSON:Sam}} is my friend
i want to be a police officer
my friend {{PERSON:faith}} got hit by her dad
{{PERSON:Destiny}} posted a video of me
{{PERSON:Precious}} said i was ugly
that was a precious moment
{{PERSON:Sienna}} and {{PERSON:Poppy}} are fake
{{PERSON:Ellie-Mae}} has been off school for weeks
{{PERSON:Alfie}} brought a knife in year 9
{{PERSON:Rhys}} and {{PERSON:Kian}} throw stuff at people
{{PERSON:Zara}} says she gets hit at home
{{PERSON:Samira}} wears a hijab and people pull it
{{PERSON:Fatima}} got told to go back to her country
{{PERSON:ayesha}} cries every day
{{PERSON:hamza}} got beaten up by older boys
{{PERSON:ibrahim}} is scared of going home
{{PERSON:bilal}} gets called a terrorist
{{PERSON:Omar}} from year 10 is nice
{{PERSON:Arjun}} and {{PERSON:Rohan}} help me
{{PERSON:Kiran}} got followed
{{PERSON:Dhruv}} is getting bullied
{{PERSON:Sanjay}} the dinner man is kind
{{PERSON:Anjali}} is scared of her brother
{{PERSON:Nirosha}} got a message from a stranger
{{PERSON:Kavin}} was pushed down the stairs
{{PERSON:Vithusan}} says people call him names
{{PERSON:Lakshmi}} had her bag stolen
{{PERSON:Wiktoria}} doesnt speak much english and people laugh
{{PERSON:Zuzanna}} is my best friend
{{PERSON:Mateusz}} got in trouble for defending himself
{{PERSON:Julia}} and {{PERSON:Maja}} are nice to me
{{PERSON:Joao}} got called names for his accent
{{PERSON:Gabriel}} is kind
{{PERSON:Beatriz}} was followed home
{{PERSON:Thiago}} has a knife i think
{{PERSON:Rafaela}} is being bullied online
{{PERSON:Kwame}} got stopped by police again
{{PERSON:Abdi}} got jumped near the station
{{PERSON:Hodan}} gets picked on for her hijab
{{PERSON:Ngozi}} is my friend
{{PERSON:Andrei}} gets called names for being romanian
{{PERSON:Minjun}} is quiet and people pick on him
{{PERSON:Wei}} gets called racist names
{{PERSON:jayden}} keeps sending me messages
{{PERSON:kaiden}} and {{PERSON:jaydon}} are in a gang
{{PERSON:mikayla}} started a rumour about me
{{PERSON:shanice}} and {{PERSON:tanisha}} fight alot
{{PERSON:brooklyn}} is kind
{{PERSON:Leighton}} brings weed to school
nothing really happens to me
im scared of getting stabbed
knife crime is bad in sutton
the estate near me has fights
i feel safe with my family
people vape in the toilets so i cant use them
i dont like going to the toilets at school
boys touch girls in the corridor and teachers dont care
online people ask for pics
a older man kept adding me on snap
people get cyber bullied on insta
the nspcc number is 0808 800 5000 if anyone needs it
childline is 0800 1111
ring 999 if its an emergency
the year 9s at lunch are scary
i get catcalled on the way to school
there are men that hang around the shops on the high street
i dont like walking through manor park
the alley near the co-op is dark
sutton station at night is scary
my mum works at st helier hospital
i got a letter from the council
we went to the youth club in the holidays
the summer holidays were good
i love summer but winter is scary because its dark
{{PERSON:Summer}} is my best mate
i really like the wellbeing hub
the school nurse is helpful
i told my head of year
i told Mrs {{PERSON:Ahmed}} and she sorted it
Mr {{PERSON:Oyelaran}} checks in on me
i feel safer since the new cctv
i feel unsafe in the lifts at the shopping centre
the boys from {{SCHOOL:Carshalton Boys}} wait by the bus stop
{{EMAIL:b.kowalska@wp.pl}} is my mums email
contact me {{EMAIL:jay.r@icloud.com}}
{{URL:www.youtube.com/watch?v=abc123}} is a video about it
{{URL:t.me/suttonplugs}} is a channel selling stuff
join {{URL:discord.gg/xyzSutton}}
my number is {{PHONE:07700 900 432}} dont tell anyone
{{PHONE:+44 (0)20 8770 4321}} is my dads work
phone {{PHONE:0044 7700 900 222}}
""".strip("\n")

TA = r"""
நான் {{PERSON:அருண்}} கூட பள்ளிக்கு நடந்து போவேன்
{{PERSON:பிரியா}} என்னை கேலி செய்கிறாள்
என் நண்பன் {{PERSON:கார்த்திக்}} அடிக்கப்பட்டான்
{{PERSON:விஜய்}} கத்தி வைத்திருக்கிறான் என்று சொன்னான்
{{PERSON:கவின்}} எப்போதும் தனியாக இருக்கிறான்
{{PERSON:மீனா}} அழுதாள்
என் அம்மாவின் எண் {{PHONE:07700 900 555}}
என்னை அழை {{PHONE:+44 7700 900 666}}
என் மின்னஞ்சல் {{EMAIL:arun.k2010@gmail.com}}
என் ஸ்னாப் {{HANDLE:arun_kutty10}}
இன்ஸ்டா {{HANDLE:@priya.ravi}}
நான் {{POSTCODE:SM1 2AB}} இல் வசிக்கிறேன்
{{URL:www.example-bully.com}} இல் என்னைப் பற்றி எழுதினார்கள்
சட்டன் நிலையம் இரவில் பயமாக இருக்கிறது
நான் பள்ளியில் பாதுகாப்பாக உணர்கிறேன்
சைல்ட்லைனுக்கு அழைத்தேன்
{{PERSON:thanush}} is my friend and people call him names
my friend {{PERSON:Sivani}} is scared
{{PERSON:ரமேஷ்}} அண்ணா என்னை பாதுகாக்கிறார்
{{PERSON:லக்ஷ்மி}} வீட்டில் பயப்படுகிறாள்
{{PERSON:சரண்யா}} என் தோழி
{{PERSON:அருணுக்கு}} பயமாக இருக்கிறது
போலீஸ் என் அண்ணனை நிறுத்தினார்கள்
டிக்டாக்கில் சண்டை வீடியோக்கள் உள்ளன
{{PHONE:07700900777}} இந்த எண்ணில் இருந்து செய்தி வந்தது
நான் {{SCHOOL:Greenshaw High School}} இல் படிக்கிறேன்
""".strip("\n")

UR = r"""
میرا دوست {{PERSON:علی}} ڈرتا ہے
{{PERSON:فاطمہ}} کو اسکول میں تنگ کیا جاتا ہے
{{PERSON:عائشہ}} روتی ہے
{{PERSON:حمزہ}} نے کہا کہ اس کے پاس چاقو ہے
{{PERSON:زینب}} میری سہیلی ہے
{{PERSON:عمران}} بھائی مجھے بچاتے ہیں
میرا نمبر {{PHONE:۰۷۷۰۰ ۹۰۰ ۸۸۸}} ہے
مجھے {{PHONE:07700 900 999}} پر کال کرو
میری ای میل {{EMAIL:sana.malik@hotmail.com}} ہے
میرا سنیپ چیٹ {{HANDLE:zain_07}} ہے
انسٹا {{HANDLE:@ayesha.x}}
میں {{POSTCODE:SM3 9QT}} میں رہتی ہوں
یہ ویب سائٹ دیکھو {{URL:www.nasty-page.net}}
سٹن ہائی اسٹریٹ رات کو خطرناک ہے
میں اسکول میں محفوظ محسوس کرتی ہوں
پولیس نے میرے بھائی کو روکا
ٹک ٹاک پر لڑائی کی ویڈیوز ہیں
{{PERSON:ali}} and {{PERSON:usman}} get called names
my friend {{PERSON:Sana}} got her hijab pulled
{{PERSON:مریم}} کو ایک آدمی نے فالو کیا
{{PERSON:بلال}} کو دہشت گرد کہتے ہیں
میں {{ADDRESS:14 Oak Road}} پر رہتا ہوں
{{PHONE:+44 20 8770 1234}} گھر کا نمبر
میرا دوست {{PERSON:احمد}} بہت اچھا ہے
امید ہے یہ سروے مدد کرے گا
""".strip("\n")

AR = r"""
صديقي {{PERSON:محمد}} يخاف من الذهاب إلى المدرسة
{{PERSON:فاطمة}} تبكي كل يوم
{{PERSON:يوسف}} قال إن معه سكين
{{PERSON:مريم}} صديقتي
{{PERSON:أحمد}} تعرض للضرب قرب المحطة
{{PERSON:عمر}} لطيف معي
رقمي {{PHONE:٠٧٧٠٠ ٩٠٠ ١١١}}
اتصل بي على {{PHONE:+٤٤ ٧٧٠٠ ٩٠٠ ٢٢٢}}
بريدي {{EMAIL:yousef.a@gmail.com}}
سناب: {{HANDLE:yousef_11}}
انستا {{HANDLE:@mariam.xo}}
أسكن في {{POSTCODE:SM2 5NS}}
شاهد هذا الرابط {{URL:bit.ly/badlink1}}
محطة ساتن مخيفة في الليل
أشعر بالأمان في المدرسة
الشرطة أوقفت أخي
{{PERSON:Ahmed}} and {{PERSON:Khalid}} get picked on
my friend {{PERSON:Layla}} is scared to go home
تيك توك فيه فيديوهات مضاربات
أمل أن يساعد هذا الاستبيان
{{PERSON:زينب}} قالت إن أباها يضربها
{{PERSON:خالد}} يتنمر على الصغار
أعيش في {{ADDRESS:3 Elm Grove}}
{{PHONE:07700900333}} هذا رقم الرجل الذي يرسل لي
ومع {{PERSON:علي}} ذهبنا إلى الحديقة
""".strip("\n")

PL = r"""
mój kolega {{PERSON:Kacper}} boi się chodzić do szkoły
{{PERSON:Kasia}} płakała w toalecie
{{PERSON:Tomek}} powiedział że ma nóż
chłopaki wyzywają {{PERSON:Olę}} od polaczków
byłam z {{PERSON:Kasią}} w parku i ktoś nas śledził
{{PERSON:Piotrek}} i {{PERSON:Bartek}} biją młodszych
mój numer to {{PHONE:07700 900 444}}
zadzwoń {{PHONE:+48 600 123 456}}
mój mail {{EMAIL:kasia.nowak@wp.pl}}
mój snap to {{HANDLE:ola2010}}
dodaj mnie na insta {{HANDLE:kuba_k.09}}
mieszkam na {{POSTCODE:SM5 2HE}}
mieszkam na {{ADDRESS:15 Mill Lane}}
w szkole czuję się bezpiecznie
na stacji Sutton wieczorem jest strasznie
policja zatrzymała mojego brata
na tiktoku są filmy z bójek
pani {{PERSON:Nowak}} jest miła
pan {{PERSON:Kowalski}} krzyczy na nas
{{PERSON:Zosia}} jest moją najlepszą przyjaciółką
{{PERSON:jakub}} mnie popchnął
nie czuję się bezpiecznie na high street
{{URL:www.facebook.com/groups/sutton.polonia}} tam piszą złe rzeczy
mama {{PERSON:Magdy}} ją bije
chodzę do {{SCHOOL:Overton Grange School}}
""".strip("\n")

PT = r"""
o meu amigo {{PERSON:João}} tem medo de ir para a escola
a {{PERSON:Beatriz}} chora todos os dias
o {{PERSON:Tiago}} disse que tem uma faca
a {{PERSON:Inês}} foi seguida até casa
o {{PERSON:Rodrigo}} e o {{PERSON:Diogo}} batem nos mais novos
o meu número é {{PHONE:07700 900 321}}
liga-me {{PHONE:+351 912 345 678}}
o meu email é {{EMAIL:joao.silva10@gmail.com}}
meu insta é {{HANDLE:joao.silva}}
o meu snap é {{HANDLE:bia_2011}}
moro em {{POSTCODE:SM6 8HT}}
moro na {{ADDRESS:7 Grove Road}}
sinto-me seguro na escola
a estação de Sutton à noite é assustadora
a polícia parou o meu irmão
no tiktok há vídeos de lutas
a professora {{PERSON:Ana}} ajuda-me
a {{PERSON:Maria Eduarda}} é a minha melhor amiga
o {{PERSON:gabriel}} gozou comigo
ela é linda mas muito má
a minha amiga {{PERSON:Rosa}} foi ameaçada
{{URL:www.exemplo-escola.pt/fotos}} tem fotos nossas
{{PERSON:Matheus}} foi assaltado
na {{SCHOOL:Cheam High School}} há muitas lutas
ligaram-me do {{PHONE:07700 900 876}} a dizer coisas más
""".strip("\n")

EN3 = r"""
if anyone needs help my number is {{PHONE:07700 900 100}} x
txt me {{PHONE:07700900101}}!!
{{PHONE:07700 900102}}
my dads mobile {{PHONE:+44 7700 900 103}} he hits my mum
{{PHONE:+44(0)7700 900104}} keeps calling me at night
the number was {{PHONE:01632 960 105}} i think
landline {{PHONE:01632960106}}
{{PHONE:(01632) 960107}} is our house
call {{PHONE:0207 946 0108}} its my aunt
someone rang from {{PHONE:020 7946 0109}} and asked where i live
he wrote his number on my hand {{PHONE:07700.900.110}}
my email {{EMAIL:noahw.2010@yahoo.co.uk}}
{{EMAIL:sk8rboi_99@live.com}} sends creepy emails
contact {{EMAIL:m.begum@btinternet.com}} thats my mum
{{EMAIL:xx.leah.xx@icloud.com}} pls email
he told me to email {{EMAIL:freemoney4kids@protonmail.com}}
link is {{URL:https://bit.ly/2kNxPq}}
{{URL:snapchat.com/add/kyle_b09}} thats him
look at {{URL:www.reddit.com/r/sutton}} people talk about it
he posted it on {{URL:https://youtu.be/dQw4w9WgXcQ}}
{{URL:http://tinyurl.com/yc7rkp2}} is the link they sent
check {{URL:linktr.ee/suttonbeefs}}
my snap is {{HANDLE:ellie.b07}} add me
snap {{HANDLE:king_dre10}}
snapchat: {{HANDLE:mia_xox}}
add my insta {{HANDLE:@bella.marie}}
my ig is {{HANDLE:sophs.world}}
insta: {{HANDLE:kian_x09}}
tiktok {{HANDLE:@dancequeen.lily}}
my tiktok is {{HANDLE:x_tasha_x}}
{{HANDLE:@bigmike_7}} on snap keeps messaging me
he added me on snapchat {{HANDLE:dan_zz7}}
find me on roblox {{HANDLE:ninjaboy2011}}
{{POSTCODE:SM4 5DX}} near there
i live near {{POSTCODE:cr0 1xy}}
{{POSTCODE:KT4 8QW}} is my dads
postcode {{POSTCODE:SM3  8RN}}
we live at {{POSTCODE:SW16 4EB}}
{{POSTCODE:sm2 5ps}}
i live at {{ADDRESS:9 acacia avenue}} with my nan
{{ADDRESS:33 Park Lane}} thats where the party was
the guy at {{ADDRESS:61 Station Road}} sells stuff to kids
{{ADDRESS:flat 7 Gibson Court}} is where he lives
my house is {{ADDRESS:4 Rosebery Gardens}}
they were outside {{ADDRESS:102 the Grove}}
the dealer lives on {{ADDRESS:Aultone Way}}
i live on {{ADDRESS:Stanley Park Road}} near school
people at {{SCHOOL:Oaks Park High School}} are nice
{{SCHOOL:Cheam High School}} is ok
i go to {{SCHOOL:Carshalton High School for Girls}}
at {{SCHOOL:Wallington County Grammar}} the boys are mean
{{SCHOOL:St Philomena's}} is a good school
my brother goes to {{SCHOOL:The Link}}
{{SCHOOL:Limes College}} helped me
{{SCHOOL:Sutton Community Academy}} kids are rough
i go to {{SCHOOL:Demo Academy}} and its fine
kids from {{SCHOOL:Beddington Park Academy}} are fine
my sister at {{SCHOOL:Nonsuch High}} gets bullied
""".strip("\n")


# Written after the redactor's rules and lists were settled and never tuned on:
# the most honest figure ("pii_fresh"). Lines are "lang<TAB>text".
FRESH = r"""
en	honestly the only person who makes me feel safe is {{PERSON:nana joyce}}
en	{{PERSON:kelsey}} and her mates wait for me by the gates every day
en	me n {{PERSON:ryan}} got chased by some older boys near the rec
en	my ex {{PERSON:dylan}} keeps texting me from different numbers
en	if ur reading this pls help {{PERSON:Aaliyah}} she is not ok at home
en	mr {{PERSON:okonkwo}} is the best teacher in the school
en	ms {{PERSON:d}} tells us to report stuff but nothing happens
en	{{PERSON:Harvey}} from 10R brings a knife in his bag i have seen it
en	someone called {{PERSON:tj}} runs the group chat where they share pics
en	my step dad {{PERSON:craig}} gets drunk and shouts
en	{{PERSON:Kacey-Leigh}} got jumped at the bus stop
en	i told Mrs {{PERSON:Adeyemi}} and she helped
en	the boys call {{PERSON:Yusuf}} a terrorist because hes muslim
en	me and {{PERSON:jess}} walk together cos the alley is scary
en	{{PERSON:chloe b}} posted my pic on her story
en	i get bullied by {{PERSON:Tyler-James}} and {{PERSON:Reece}} every lunch
en	{{PERSON:aleksandra}} is new and people mock her accent
en	{{PERSON:Sabrina}} said she would stab me
en	my best mate {{PERSON:Ife}} moved schools because of bullying
en	a man who said his name was {{PERSON:Dean}} offered me a lift
en	will someone actually do something about the vaping
en	i will always feel safe at home
en	the teachers mark us late even when the bus is late
en	rose hill is sketchy at night
en	i hope things get better
en	grace is something our RE teacher talks about
en	may be the police should patrol more
en	august was quiet because of the holidays
en	the park by the library is where the fights are
en	sutton station is scary after 8
en	i saw a stabbing on the high street in march
en	i used childline chat and it helped a lot
en	i dont use snapchat anymore because of strangers
en	i feel safe in my form room
en	roblox has creepy people asking for pics
en	some year 11s took my phone
en	my number is {{PHONE:07700 900 616}} if the school wants to talk to me
en	he sent me loads of messages from {{PHONE:07700900617}}
en	ring my mum {{PHONE:+44 7700 900618}}
en	my nans landline is {{PHONE:020 8643 0619}}
en	{{PHONE:+447700900620}} keeps adding me to groups
en	the number that threatened me was {{PHONE:07700 900 621}}
en	email me at {{EMAIL:kelsey.m2011@gmail.com}}
en	my mums email {{EMAIL:sarah_jones77@hotmail.co.uk}}
en	{{EMAIL:dan.the.man@outlook.com}} sent me weird stuff
en	they made an account {{URL:www.instagram.com/sutton_snitches}}
en	watch {{URL:https://youtu.be/abc123XYZ}} its about our school
en	the link was {{URL:bit.ly/free-vbucks-2024}}
en	{{URL:tinyurl.com/4xk9pq}} is a scam they send to kids
en	my snap is {{HANDLE:kels.m11}}
en	add me on insta {{HANDLE:@ryan_x_07}}
en	sc: {{HANDLE:dyl.2010}}
en	{{HANDLE:@suttonbeef_}} posts fight videos
en	tiktok {{HANDLE:@harv3y.x}} filmed me
en	his snapchat is {{HANDLE:tj_wavey}} hes 19
en	i live at {{POSTCODE:SM1 4LE}}
en	{{POSTCODE:sm3 8ej}} is near where it happened
en	postcode {{POSTCODE:CR0 2RB}}
en	i live at {{ADDRESS:47 Cheam Road}} {{POSTCODE:SM1 2SS}}
en	{{ADDRESS:flat 2, 19 Grange Road}} is my dads flat
en	he lives at {{ADDRESS:88 Brighton Road}} and sells weed
en	i live on {{ADDRESS:Bushey Road}} near the lights
en	kids from {{SCHOOL:Greenshaw}} fight kids from {{SCHOOL:Glenthorne}}
en	at {{SCHOOL:Overton Grange School}} the toilets are a no go zone
en	my sister goes to {{SCHOOL:Nonsuch High School}}
en	{{SCHOOL:Sutton Grammar}} boys push past us on the bus
en	i used to go to {{SCHOOL:Thomas Wall Academy}} and it was worse
en	{{SCHOOL:St Anne's Primary}} was where i was happiest
en	{{SCHOOL:Cheam High}} kids are alright
en	i go to {{SCHOOL:Demo Academy}} its fine
ta	{{PERSON:கீர்த்தனா}} என்னை பள்ளியில் கேலி செய்கிறாள்
ta	என் நண்பி {{PERSON:ஜனனி}} அழுதாள்
ta	{{PERSON:சுரேஷ்}} அண்ணா என்னை அடித்தார்
ta	என் எண் {{PHONE:07700 900 622}}
ta	என் ஸ்னாப் {{HANDLE:keerthi_2010}}
ta	நான் {{POSTCODE:SM2 7DN}} இல் இருக்கிறேன்
ta	{{PERSON:harini}} and me got followed
ta	சட்டன் ஹை ஸ்ட்ரீட் இரவில் பயமாக இருக்கும்
ta	நான் பாதுகாப்பாக உணர்கிறேன்
ta	{{EMAIL:suresh.r@gmail.com}} என் மின்னஞ்சல்
ur	{{PERSON:عائشہ}} کو لڑکے تنگ کرتے ہیں
ur	میرا بھائی {{PERSON:عمران}} ڈرتا ہے
ur	{{PERSON:ثناء}} میری دوست ہے
ur	میرا نمبر {{PHONE:۰۷۷۰۰۹۰۰۶۲۳}}
ur	انسٹا {{HANDLE:@sana_k10}}
ur	میں {{POSTCODE:SM5 1QP}} میں رہتی ہوں
ur	سٹن اسٹیشن رات کو خطرناک ہے
ur	{{URL:www.bad-site.co.uk}} پر ہماری تصویریں ہیں
ur	my friend {{PERSON:hamza}} gets called names
ur	مجھے امید ہے کہ حالات بہتر ہوں گے
ar	{{PERSON:يوسف}} يتنمر علي في المدرسة
ar	صديقتي {{PERSON:سارة}} خائفة من أبيها
ar	{{PERSON:عمر}} و{{PERSON:خالد}} يضربون الصغار
ar	رقم هاتفي {{PHONE:٠٧٧٠٠٩٠٠٦٢٤}}
ar	سناب شات {{HANDLE:omar.k_11}}
ar	بريدي الإلكتروني {{EMAIL:sara.ali@hotmail.com}}
ar	أسكن في {{POSTCODE:SM6 0DZ}}
ar	المحطة مخيفة في الليل
ar	أمل أن تتحسن الأمور
ar	my friend {{PERSON:Yasmeen}} is scared
pl	moja koleżanka {{PERSON:Wiktoria}} boi się wracać do domu
pl	{{PERSON:Szymon}} i {{PERSON:Kuba}} zaczepiają młodszych
pl	chłopaki z dziesiątej klasy biją {{PERSON:Kacpra}}
pl	mój numer {{PHONE:07700 900 625}}
pl	mój insta to {{HANDLE:wiki_n2010}}
pl	mieszkam na {{POSTCODE:SM4 6RP}}
pl	mój mail {{EMAIL:szymon.k@wp.pl}}
pl	w parku wieczorem jest niebezpiecznie
pl	pani {{PERSON:Kowalczyk}} nam pomaga
pl	na stacji Sutton stoją starsi chłopcy
pt	o meu amigo {{PERSON:Rodrigo}} foi roubado
pt	a {{PERSON:Leonor}} tem medo do padrasto
pt	o {{PERSON:Guilherme}} e o {{PERSON:Enzo}} batem nos mais novos
pt	o meu número é {{PHONE:07700 900 626}}
pt	o meu insta é {{HANDLE:leonor.s_10}}
pt	moro em {{POSTCODE:CR4 1PB}}
pt	o meu email é {{EMAIL:rodrigo.alves@gmail.com}}
pt	a estação de Sutton é perigosa à noite
pt	a professora {{PERSON:Marta}} ajuda muito
pt	sinto-me segura em casa
""".strip("\n")


LANGS = {"en": EN + "\n" + EN2 + "\n" + EN3, "ta": TA, "ur": UR, "ar": AR, "pl": PL, "pt": PT}


def parse(marked: str) -> tuple[str, list[dict]]:
    out: list[str] = []
    spans: list[dict] = []
    pos = 0
    length = 0
    for m in MARK.finditer(marked):
        kind, value = m.group(1), m.group(2)
        if kind not in TYPES:
            raise ValueError(f"unknown type {kind!r} in {marked!r}")
        before = marked[pos : m.start()]
        out.append(before)
        length += len(before)
        spans.append({"start": length, "end": length + len(value), "type": kind})
        out.append(value)
        length += len(value)
        pos = m.end()
    out.append(marked[pos:])
    text = "".join(out)
    if "{{" in text or "}}" in text:
        raise ValueError(f"unbalanced marker in {marked!r}")
    for s in spans:
        assert text[s["start"] : s["end"]].strip() == text[s["start"] : s["end"]], marked
    return text, spans


def build() -> list[dict]:
    items = []
    for lang, block in LANGS.items():
        for n, line in enumerate(block.splitlines()):
            if not line.strip():
                continue
            text, spans = parse(line)
            digest = hashlib.sha1(text.encode("utf-8")).digest()
            items.append(
                {
                    "id": f"{lang}-{n:03d}",
                    "lang": lang,
                    "split": "pii_test" if digest[0] % 2 else "pii_dev",
                    "draft": lang != "en",
                    "text": text,
                    "pii": spans,
                }
            )
    for n, line in enumerate(FRESH.splitlines()):
        lang, marked = line.split("\t", 1)
        text, spans = parse(marked)
        items.append(
            {
                "id": f"fresh-{lang}-{n:03d}",
                "lang": lang,
                "split": "pii_fresh",
                "draft": lang != "en",
                "text": text,
                "pii": spans,
            }
        )
    return items


def main() -> None:
    items = build()
    path = Path(__file__).with_name("pii_eval.jsonl")
    with path.open("w", encoding="utf-8") as fh:
        for item in items:
            fh.write(json.dumps(item, ensure_ascii=False) + "\n")
    print(f"wrote {len(items)} items to {path}")


if __name__ == "__main__":
    main()
