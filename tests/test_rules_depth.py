"""The rules read a reply in its clauses, with who does what: the common real wordings of blame, guesses and
acknowledgement are found, and their look-alikes are not (docs/scoring.md, "How a reply is read")."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from stormdrill.scenarios.model import Policy
from stormdrill.scoring import assess
from stormdrill.simulator.assessment import ReplyContext


def ctx(language: str = "en", **extra) -> ReplyContext:
    return ReplyContext(language=language, **({"at_fault": False, "anger": 0.2} | extra))


def found(text: str, category: str, language: str = "en", **extra) -> list[str]:
    verdict = assess(text, ctx(language, **extra))
    return [f.span for f in verdict.findings if f.category == category and f.polarity != "missing"]


# (language, category, reply): the category is found in it
FOUND = [
    ("en", "blame", "You should have checked the settings before you left."),
    ("en", "blame", "If you'd read the email, you would have known."),
    ("en", "blame", "You never told us you had moved."),
    ("en", "blame", "You've most likely logged in with a different account."),
    ("en", "blame", "Were you maybe in the garden when the driver rang?"),
    ("en", "blame", "Perhaps don't take your phone into the shower next time."),
    ("en", "blame", "The warranty does not cover user damage."),
    ("nl", "blame", "Mogelijk stond de uwe er niet op tijd."),
    ("nl", "blame", "Een storing overkomt ons allemaal, plan de volgende keer wat ruimer."),
    ("nl", "blame", "Leest u de afvalkalender voortaan goed."),
    ("en", "ownership", "That's not acceptable and it's on us."),
    ("nl", "ownership", "Dat we niet hebben teruggemaild is onze fout, sorry."),
    ("en", "acknowledge", "We understand that this is frustrating."),
    ("en", "acknowledge", "I'm sorry you've had to chase us five times."),
    ("nl", "acknowledge", "Wij begrijpen dat u hier niet blij mee bent."),
    (
        "nl",
        "apology",
        "Friet zonder mayo is als vrijdag zonder weekend 😱 Sorry, dat hadden we beter moeten doen!",
    ),
    ("en", "non_apology", "We're sorry you've had that impression, Lena."),
    ("nl", "non_apology", "Het spijt ons dat u ontevreden bent."),
    ("nl", "non_apology", "Het spijt ons als uw moeder hinder heeft ondervonden."),
    ("en", "patronising", "Eleven crisps? Nice. 😉"),
    (
        "en",
        "deflection",
        "Airport closures are decided by the authority, please direct any complaints to them.",
    ),
    ("nl", "deflection", "Wij hebben uw melding doorgezet; voor vragen kunt u bij hen terecht."),
    ("en", "speculation", "Sounds like a faulty filling machine at our factory."),
    ("en", "speculation", "Nobody has had a reaction, so no need to worry."),
    # a number or address given to ring or write to is an invitation (docs/grading-guide.md)
    (
        "en",
        "private_channel",
        "Pop in or ring 01632 960812 and ask for me, I'll check the car today.",
    ),
    ("en", "private_channel", "Please e-mail claims@carefulcrate.co.uk with the photos."),
    ("nl", "private_channel", "Bel ons gerust op 088-2345678, dan regelen we het."),
    ("en", "blame", "Hi Elena, you should have taken photos at pick-up."),
    (
        "nl",
        "wrong_language",
        "Hola Tomasz, lamentamos lo ocurrido. Envíanos las fotos por mensaje privado y revisaremos.",
    ),
    ("nl", "blame", "U had vooraf zelf moeten bellen."),
    ("en", "apology", "Sorry Jo! Could you DM us your order number?"),
    ("en", "apology", "So sorry Sam, can you DM us your order number?"),
    ("en", "acknowledge", "Really sorry to see this, Tom. We've passed it on."),
    ("nl", "patronising", "Gefeliciteerd, u heeft de voorwaarden dus niet gelezen."),
    # a notice that went out is quoted at the customer; a chat in the app is a private channel
    ("en", "blame", "Price change emails went out in March."),
    ("en", "private_channel", "Open secure chat in the app and we'll sort it."),
    # sympathy in other words than the lexicon's feelings (docs/grading-guide.md, "Where graders split")
    ("en", "acknowledge", "So sorry for your loss, Sophie. DM us the charge number."),
    ("en", "acknowledge", "Poor thing, Kirsty. A new teacher starts next Tuesday."),
    ("en", "acknowledge", "Gary, four days without your work line is really tough."),
    ("en", "acknowledge", "Sorry Helen, that must have really hurt."),
    # blame through the agreement, or a matter the customer is left alone with
    ("en", "blame", "The fee's in your agreement."),
    ("nl", "blame", "Heb je het modem wel aangesloten volgens de handleiding?"),
    # the customer sends it "per DM": an invitation, however the sentence runs
    ("nl", "private_channel", "Stuurt u ons uw studentnummer per DM?"),
    ("nl", "private_channel", "Wilt u uw bonnummer per DM sturen?"),
    # blame through the conditions the customer agreed to
    ("en", "blame", "Under your booking conditions we may provide alternative accommodation."),
    ("nl", "blame", "Blokkades worden uitgevoerd volgens onze gebruiksvoorwaarden."),
    # blame through what the customer agreed to, was told, or should have done in time
    ("en", "blame", "Refunds take 5 working days, as stated at checkout."),
    (
        "en",
        "blame",
        "The out-of-hours line closes at 10pm, so you'd have needed to call before then.",
    ),
    ("nl", "blame", "De proef is door u goedgekeurd."),
    ("nl", "blame", "Jaarlijkse indexatie. Staat in je contract."),
    # a step with a time is a step, however plain its verb
    ("en", "solution", "We'll check the booking and ring you before 5pm today."),
    # the brand's own line to call is an invitation, also where it sends the customer away
    # (docs/grading-guide.md: "then it is deflection too")
    ("en", "private_channel", "Hi Jason, sorry about this. Please call our customer service line."),
    ("en", "deflection", "Hi Jason, sorry about this. Please call our customer service line."),
    ("en", "private_channel", "Give our repairs team a call in the morning."),
    ("nl", "private_channel", "Neem contact op met onze klantenservice."),
    ("nl", "private_channel", "Belt u onze klantenservice even?"),
    # "by us" owns it, and denies it when negated
    ("en", "ownership", "Sorry Mo, the dent was caused by us and we'll pay for the repair."),
    ("nl", "ownership", "Sorry, de deuk is door ons veroorzaakt; wij betalen de reparatie."),
    ("en", "blame", "The scratch was already there on collection, so it wasn't caused by us."),
    ("nl", "blame", "De kras zat er al bij het ophalen, die is niet door ons veroorzaakt."),
    # what 'customers' are told to do, and next time's upgrade, leave the customer carrying it
    ("en", "blame", "Customers are responsible for backing up their phones before a repair."),
    ("en", "blame", "It's standard advice that you keep a copy of your photos."),
    ("nl", "blame", "Klanten zijn zelf verantwoordelijk voor het doorgeven van de meterstand."),
    ("en", "blame", "Next time, why not book our Flex rate so you can change the dates?"),
    ("en", "blame", "Next time you book, please check the dates."),
    # the brand's own shop, office or desk to call or contact is an invitation too
    ("en", "private_channel", "Sorry about that. Please contact the store directly."),
    ("en", "private_channel", "Any questions, give reception a ring."),
    ("nl", "private_channel", "Bel even met de winkel, dan plannen ze je opnieuw in."),
    ("nl", "private_channel", "Belt u de praktijk even?"),
    # standing advice and what was said before leave the customer carrying it
    ("en", "blame", "We always advise checking the shade on every box before laying."),
    ("en", "blame", "Repairs take longer, which we did mention at drop-off."),
    ("nl", "blame", "Wij adviseren altijd eerst een proefvlakje te zetten."),
    ("nl", "blame", "Je had het kunnen melden bij de kassa."),
    # that it was announced: the customer should have known
    ("en", "blame", "End of support was announced in December."),
    ("en", "blame", "We gave six months' notice."),
    ("nl", "blame", "De storing was op de site aangekondigd."),
    # the customer's own risk, the terms pointed at, and what was "clearly" stated
    ("en", "blame", "Please be advised that lockers are used at members' own risk."),
    ("en", "blame", "As explained in the rental agreement, release times are up to your bank."),
    ("nl", "blame", "Ouders zijn zelf verantwoordelijk om hun kind dat te leren."),
    ("nl", "blame", "Bij uw bestelling stond duidelijk vermeld dat levertijden indicatief zijn."),
    ("nl", "blame", "Cartridges worden na opzegging uitgezet. Zie voorwaarden art. 7."),
    # the guidelines, the policy or the guarantee pointed at; what "the fact" holds is not denied
    ("en", "blame", "Per our community guidelines, profiles showing phone numbers are removed."),
    ("en", "blame", "Posting it everywhere doesn't change the fact you signed the waiver."),
    ("nl", "blame", "Annuleren kan tot 24 uur vooraf, dat is ons beleid."),
    ("nl", "blame", "Een kapotte rits valt buiten de garantie."),
    ("nl", "blame", "In de bevestiging staat vermeld dat de taart vooraf betaald wordt."),
    ("nl", "blame", "De extra uren zijn terecht berekend."),
    # "only" in the next clause is no "you're not the only one"
    ("en", "blame", "Your shop loads fine on our end; images only appear after a refresh."),
    # a duty laid on the customer, a view of theirs, the quote they could have read
    ("en", "blame", "Keeping the tag attached is the responsibility of the renter."),
    ("en", "blame", "We've had no other reports of the app crashing."),
    ("nl", "blame", "Bij het boeken heeft u kunnen lezen dat de borg niet terugkomt."),
    ("nl", "blame", "De meerprijs staat in de offerte."),
    ("en", "blame", "Our FAQ does explain how the deposit works."),
    ("nl", "blame", "Twintig porties is de norm bij bruidstaarten."),
    ("nl", "blame", "Uitgevallen kleur wijst meestal op te vroeg krabben."),
    # the receipt, the box or the booking papers as the answer; a guess at what the customer did wrong
    ("nl", "blame", "De proefperiode stond op de doos."),
    ("nl", "blame", "In de reisbescheiden staat dat materiaalhuur vooraf bevestigd moet worden."),
    ("nl", "blame", "Zaterdag is druk; voor een volgende keer raden we een doordeweekse dag aan."),
    ("en", "blame", "It's possible you wore the band too loosely."),
    ("en", "blame", "Please refer to your booking confirmation for pickup details."),
    ("nl", "blame", "Boeken moeten op de vervaldatum terug zijn, dat zijn de regels."),
    ("nl", "blame", "De pinnen zijn geplaatst volgens de offerte die u heeft goedgekeurd."),
    ("nl", "blame", "De editie was gelimiteerd en dat stond ook op de productpagina."),
    ("en", "blame", "No other damage has been reported today, so it wasn't the wash."),
    (
        "nl",
        "blame",
        "De garantie geldt alleen als onderdelen op voorraad zijn, zie artikel 4.2 van je contract.",
    ),
    ("en", "blame", "Cruise cards are the responsibility of the cardholder."),
    ("en", "blame", "Priority status has to be requested by the customer at sign-up."),
    ("en", "blame", "Unfortunately we can't be responsible for steps being missed."),
    ("en", "blame", "With hundreds of children visiting we rely on parents to tell staff at once."),
    ("nl", "blame", "Hoi Yara, onze kortingscodes werken zoals bedoeld."),
    # a feeling for the customer is theirs acknowledged, whoever feels it
    ("en", "acknowledge", "We're gutted for you, Grace. Our fraud team is on it."),
    ("nl", "acknowledge", "Balen, Jesse! We zetten het vandaag recht."),
    ("en", "acknowledge", "Jordan, we'd be annoyed too! We've waived the fee."),
    (
        "nl",
        "non_apology",
        "Sorry dat je teleurgesteld bent, Sophie. Het geld wordt binnen 3 werkdagen teruggestort.",
    ),
    # an intensifier in capitals is shouting, whichever intensifier it is
    ("en", "shouting", "We TOTALLY get how annoying this is."),
    ("nl", "shouting", "We begrijpen het HELEMAAL!"),
    # sorry for what the customer thinks, or sympathy taken back by a "but", stays a non-apology
    ("en", "non_apology", "We're sorry to hear you feel the fee was unfair."),
    ("en", "non_apology", "Sorry to hear you're unhappy with the fee, but it's on the price list."),
    ("en", "non_apology", "We're sorry you're unhappy with the repair."),
    (
        "en",
        "acknowledge",
        "Sorry to hear you're unhappy with the repair, Sam. DM us and we'll look today.",
    ),
    # pointing at the customer's own papers, instructions or handling (the twenty-ninth round)
    ("en", "blame", "Full details of your cover can be found in your policy documents."),
    ("en", "blame", "Please turn it gently, as forcing it can strip the gears."),
    ("en", "blame", "We've checked and there's no email in our system from you."),
    ("en", "blame", "We have tried to call you on a few occasions. Please DM us."),
    (
        "nl",
        "blame",
        "Er is sprake van onjuist gebruik, bijvoorbeeld te hard trekken aan de ketting.",
    ),
    ("nl", "blame", "De gordijnen zijn gemaakt volgens jouw opgave. Inkorten kan tegen betaling."),
    ("nl", "blame", "Wij verwijzen u graag naar onze annuleringsvoorwaarden op onze website."),
    # feeling a word names still counts where it is the customer's
    ("nl", "acknowledge", "Wat een zware week voor u, Henk. Stuur ons een DM."),
    # the reminder the customer missed, their own choice, a guess at their connection (the thirtieth round)
    ("en", "blame", "We did send an email about route changes last month."),
    ("en", "blame", "Minor scrapes are covered in the daycare agreement signed at registration."),
    (
        "nl",
        "blame",
        "Wij hebben u nooit geadviseerd uw auto te verkopen; dat is uw eigen keuze geweest.",
    ),
    ("nl", "blame", "Wellicht is uw internetverbinding wat trager dan die van andere leden."),
    # the customer's email address asked for in the thread, as a noun
    (
        "en",
        "public_personal_data",
        "Please reply with your account email and we'll check.",
    ),  # the agreement, the section, the map pointed at (the thirty-first round)
    (
        "en",
        "blame",
        "Under our hire agreement compensation is only considered for faults with the boat.",
    ),
    ("en", "blame", "Check section 9 of your licence."),
    ("en", "blame", "The boundary is clearly marked on the map on board every boat."),
    ("nl", "blame", "Misschien keek je op de verkeerde plek? Pauzeren kan via de website."),
    ("nl", "blame", "Dat is bij de uitgifte ook uitgelegd."),
    # "sorry if you see it so" keeps its non-apology where the sentence regrets
    ("nl", "non_apology", "Het spijt ons dat u het bedrag als hoog ervaart."),
    (
        "nl",
        "non_apology",
        "Als u zich niet goed geholpen voelt, spijt ons dat.",
    ),  # regretting the customer's experience, not what happened (the thirty-second round)
    ("nl", "non_apology", "Wij betreuren uw ervaring, maar kunnen hier geen uitzondering maken."),
    # pointing at what the customer signed, was given or was told (the thirty-third round)
    ("en", "blame", "All owners sign a waiver accepting this risk at booking."),
    ("en", "blame", "One scoop max. It's on the tub."),
    ("en", "blame", "Sorry you feel that way. The class ran exactly as described."),
    (
        "nl",
        "blame",
        "Bij afgifte ontvangt u een bon waarop staat dat wij bij verlies maximaal €50 vergoeden.",
    ),
    ("nl", "blame", "Ilse, bij je inschrijving ga je akkoord met het gebruik van beeldmateriaal."),
    ("nl", "blame", "De schakelaar stond uit, dat is eigen schuld."),
    # an apology elsewhere does not turn "we did inform you" into the brand's own slip
    (
        "nl",
        "blame",
        "Wij hebben u hierover geïnformeerd via de groepsmail. Excuses voor de verwarring.",
    ),
    # where the rule was written, and whose job it was (the thirty-fourth round)
    ("en", "blame", "Members are responsible for keeping up with renewal information."),
    ("en", "blame", "Please be advised that all event updates are posted on our website."),
    ("en", "blame", "All package inclusions are listed on our pricing page."),
    (
        "en",
        "blame",
        "Little ones can be unpredictable, so we'd always suggest booking a morning slot.",
    ),
    (
        "nl",
        "blame",
        "We snappen dat je teleurgesteld bent, maar je hebt ingestemd met de offerte van 30 foto's.",
    ),
    ("en", "non_apology", "We're sorry your session didn't meet your expectations."),
    # the paper the customer was given (the thirty-fifth round)
    (
        "nl",
        "blame",
        "Dat kan altijd doorscheuren en staat ook op de werkbon die u heeft ondertekend.",
    ),
    ("nl", "blame", "Dat staat in de productomschrijving."),
    ("nl", "blame", "Boete is volgens de voorwaarden. DM voor vragen."),
    # the form, quote or description the customer had, and "nothing wrong our end" (the thirty-sixth round)
    ("en", "blame", "No exceptions are made for customer ordering errors."),
    ("en", "blame", "Every client signs a consent form acknowledging the risks."),
    ("en", "blame", "Our crew worked to the quote you signed."),
    ("en", "blame", "Hi Margaret, we can't see any issue our end."),
    ("en", "blame", "Did you follow the pre-treatment advice?"),
    ("en", "blame", "If you read the product description you'll see it is designed to crack."),
    # a negation in the main clause does not reach into a 'where' clause
    (
        "en",
        "blame",
        "Refunds are not available for sessions where entry is refused under our booking conditions.",
    ),
    ("nl", "blame", "Voor €4,99 kun je natuurlijk geen originele kwaliteit verwachten."),
    ("nl", "blame", "De geldigheidsduur staat op de achterkant van elke kaart."),
    ("nl", "blame", "Staat in de omschrijving."),
    ("nl", "blame", "Vrij schaatsen is op eigen risico."),
    # 'en' with a verb and no subject opens a clause: "nooit" before it negates nothing after it
    ("nl", "blame", "Dat is nooit uit te sluiten en staat ook op de werkbon."),
    # what the customer sent in, what we expect of them, a concern waved off (the thirty-seventh round)
    ("en", "blame", "The price you paid in 2019 isn't our concern."),
    ("en", "blame", "Sadly we just print what we're sent."),
    ("nl", "blame", "Hij graveert precies wat er wordt aangeleverd."),
    ("nl", "blame", "Wij verwachten van ouders dat zij hun mail in de gaten houden."),
    # the rule pointed at as the whole answer: where it was written (the thirty-eighth round)
    ("en", "blame", "The fabric is 25% cotton, it says so in the description."),
    ("nl", "blame", "Dat staat in de voorwaarden en is per brief gemeld."),
    ("nl", "blame", "Dit staat op de boekingspagina."),
    # the thirty-ninth round: an outcome nobody can promise; how the customer's day went, in a few words
    (
        "en",
        "speculation",
        "Don't worry Aisha, a little bit of mould is totally harmless, just cut it off.",
    ),
    ("en", "acknowledge", "Not the penguin day you promised the kids, sorry."),
    ("en", "acknowledge", "Not how a 7th birthday should start, sorry Dan."),
    ("nl", "acknowledge", "Sorry Yasmina, dat is geen leuke start van zijn verjaardag."),
    # the fortieth round: condolences; the rule pointed at where it is shown; a secret said to be needed
    (
        "en",
        "acknowledge",
        "Dear Daniel, thank you for your message and please accept our condolences.",
    ),
    ("nl", "acknowledge", "Beste Lisa, bedankt voor je bericht en gecondoleerd met je verlies."),
    (
        "en",
        "acknowledge",
        "Haha, not the look you were going for! Creases can usually be washed out.",
    ),
    ("en", "blame", "Thank you for your feedback. All our fees are displayed in store and online."),
    ("en", "blame", "Our website does state that calls are answered between 9 and 5."),
    (
        "nl",
        "secret_data",
        "Om te kijken wat er te redden valt, hebben we het wachtwoord van uw iCloud nodig. Kunt u die"
        " hier sturen?",
    ),
    (
        "en",
        "secret_data",
        "To see what can be saved, we'll first require the password to your laptop.",
    ),
    ("nl", "blame", "Dat had je niet moeten doen."),  # a reproach stays one
    # the forty-first round: what staff "did" for the customer, the sale that is final, the assumption
    # that customers know; a regretted experience; what the customer was told, after a non-apology
    ("en", "blame", "Our front desk did offer you a later slot on the day."),
    ("en", "blame", "The engineer did explain the call-out charge before he started."),
    ("en", "blame", "Sorry Jo, all sales are final on opened items."),
    ("nl", "blame", "Wij gaan ervan uit dat klanten hun bestelling zelf controleren."),
    ("nl", "non_apology", "Wij betreuren de ervaring van uw zoon, maar regels zijn regels."),
    (
        "nl",
        "blame",
        "Jammer dat u het zo ervaart. De voorrijkosten zijn u aan de telefoon genoemd.",
    ),
    # the forty-second round: what the brand should have done, after a negation of what it did, is owned
    ("en", "ownership", "Sorry. We didn't ring you back as we should have."),
    ("nl", "ownership", "Sorry, we hebben je niet teruggebeld zoals we hadden moeten doen."),
    # and a guess at what the customer did stays one, with a negation in it
    ("en", "blame", "You may not have read the email, so please check again."),
    # and what stays a pitch beside a gift: a price after it, an opener before it, no upgrade in it
    ("en", "sales", "Sorry Tom! Check out our new collection, free delivery this week!"),
    ("en", "sales", "Sorry! Sign up for our newsletter and get a free tote bag."),
    ("en", "sales", "Sorry Tom! Upgrade to Premium free for a month, just £5 a month after that."),
    (
        "nl",
        "sales",
        "Als goedmakertje: nu tijdelijk 3 maanden gratis tv-pakket bij een upgrade naar 1 Gbit",
    ),
    # and other customers held up to the customer, a sentence opening with "so" included
    ("en", "blame", "Sorry to hear that. So nobody else has complained about the lockers."),
    ("nl", "blame", "Vervelend. Niemand anders heeft last gehad van de kluisjes, alleen u."),
    # and what is new is a product, pitched
    ("en", "sales", "Sorry Dan! Our new winter collection is 20% off this week."),
    ("nl", "sales", "Sorry Daan! Onze nieuwe wintercollectie is deze week 20% afgeprijsd."),
    # and the terms quoted to refuse, with no way offered after a "but"
    ("nl", "blame", "Vochtschade valt niet onder de garantie."),
    (
        "nl",
        "blame",
        "Een retour kan niet meer, want volgens de garantievoorwaarden valt gebruikersschade er niet onder.",
    ),
    # and advice for next time, whoever it names after the verb
    (
        "en",
        "blame",
        "Your trainer followed a standard programme. Next time tell him if you are struggling.",
    ),
    (
        "nl",
        "blame",
        "Je trainer volgde een standaardschema. Zeg het hem volgende keer als het te zwaar is.",
    ),
    # and the customer's own should-have, and advice with something to get for following it
    ("nl", "blame", "Dat had u eerder moeten melden bij de balie."),
    (
        "nl",
        "blame",
        "Geef voortaan elke maand je meterstand door in de app, dan krijg je dit soort verrassingen niet.",
    ),
    # the forty-seventh round: a sorry-you-feel without "zo", a choice of DM or the thread, and a sorry-you-feel
    # owned only inside the feeling or defended with a "but"
    ("nl", "non_apology", "Hoi Gerard, sorry dat je je opgelicht voelt! We kijken ernaar."),
    (
        "nl",
        "non_apology",
        "Sorry dat u zich benadeeld voelt, maar de storing was op de site aangekondigd.",
    ),
    ("nl", "public_personal_data", "Stuur ons een DM of zet je telefoonnummer hieronder."),
    ("en", "public_personal_data", "DM us or pop your phone number below."),
    ("en", "non_apology", "Hi Aoife, sorry you feel we should have noticed."),
    ("en", "non_apology", "We're sorry you're frustrated, Jordan, but that's not our fault."),
    ("en", "apology", "Sorry you felt stitched up, Viktor, because you were, by our own sign."),
    # the forty-ninth round: data asked in the thread beside a DM stands in a long reply too; a warning not
    # to post the data here keeps the DM it points to
    (
        "nl",
        "public_personal_data",
        "Sorry Fleur, dat had sneller moeten gaan. Stuur ons een DM met je bestelling of zet je"
        " telefoonnummer hieronder, dan bellen we je vandaag nog terug.",
    ),
    (
        "nl",
        "private_channel",
        "Deel hier geen pas- of rekeningnummers hoor. Bel ons direct op 030 987 6543 of start de chat"
        " in de app, dan deblokkeren we je pas meteen.",
    ),
    # the forty-ninth round: 'you' as the one who got the wrong thing, 'we' the ones who sent it
    (
        "en",
        "ownership",
        "We sent you the wrong hamper, sorry! Bring it to the farm café and they'll cook it for you.",
    ),
    # the fifty-sixth round, tried as team leads would: open blame in Dutch, a first name signed, a message
    # asked for
    ("nl", "blame", "Eerlijk gezegd ligt dat aan jezelf: je hebt de accu in de vorst laten staan."),
    ("nl", "personal", "Sorry, we bellen je morgen voor 12:00. ^Pieter"),
    ("nl", "personal", "We bellen je morgen voor 12:00. Groet, Jeroen"),
    ("en", "personal", "Your refund went out today. Cheers, Sam"),
    ("nl", "private_channel", "Balen! Stuur ons een berichtje met je ordernummer?"),
    # a request cue opening the reply's first sentence
    ("nl", "public_personal_data", "Graag uw boekingsnummer hieronder."),
    ("en", "secret_data", "Post your card number and we'll check."),
    # a DM as the verb of the request still asks for the secret
    ("en", "secret_data", "Hi Sophie, DM us your password and we'll check. ^Ana"),
    ("en", "secret_data", "Hi Dan, DM us your card number and PIN and we'll check the payments."),
    ("en", "secret_data", "Please DM us your PIN; we won't share it with anyone. ^Ana"),
]

# (language, category, reply): the category is not found in it, though its words are there
NOT_FOUND = [
    # a curt reply or one with few of the words that tell Dutch from English is no third language
    ("nl", "wrong_language", "Geachte heer, bel de werkplaats maar even, dan kijken we ernaar."),
    ("nl", "wrong_language", "Storing bekend. Zie glasnet.nl/storingen."),
    ("en", "wrong_language", "Refund page is live. Requests paid in 7 days."),
    ("en", "private_channel", "No need to DM us: the whole street is affected."),
    ("nl", "private_channel", "Je hoeft ons niet te mailen, het geld komt vanzelf terug."),
    ("nl", "private_channel", "Een DM sturen is niet nodig: dit speelt in de hele wijk."),
    ("en", "private_channel", "Your order 2023 4456 78 was shipped on Monday, it is on its way."),
    ("en", "blame", "This is down to your bank, not us. Please contact them."),
    ("en", "blame", "Looks like your card provider is running behind, it'll be back by Friday."),
    ("en", "blame", "Priya, you should have had an announcement every 15 minutes. Sorry."),
    ("nl", "blame", "U had vooraf gebeld moeten worden, dat is onze fout."),
    ("nl", "blame", "We betalen iedereen binnen twee weken terug."),
    ("en", "apology", "Sorry, Dean, have you uploaded your ID already?"),
    ("en", "apology", "Hi Irene, sorry, please don't post your meter readings here."),
    ("en", "apology", "Hi Jordan, sorry to see you go! You can cancel any time."),
    ("nl", "apology", "Sorry, in welke wijk woont u?"),
    ("nl", "patronising", "Dat moet natuurlijk niet gebeuren, we zoeken het vandaag uit."),
    ("nl", "patronising", "Geen gezeur: opzeggen kan maandelijks."),
    ("nl", "patronising", "In de app kun je de blokkade zelf opheffen."),
    ("en", "blame", "I've requested a corrected bill; you should have it by Friday."),
    (
        "en",
        "blame",
        "You can ask for a second inspection. Send us a private message if you'd like that.",
    ),
    ("en", "blame", "Our backup alerts make sure you never miss a message."),
    ("en", "blame", "You should have heard it from us first. Sorry."),
    ("en", "blame", "Sorry Kevin, that's not acceptable and it's on us."),
    ("en", "blame", "Our driver probably left it with a neighbour."),
    (
        "en",
        "blame",
        "A queue server got stuck, and we've added an alert so we notice within minutes next time.",
    ),
    ("nl", "blame", "Wij nemen zo snel mogelijk contact met u op."),
    ("nl", "blame", "Met een OV-chipkaart kunt u de volgende keer gewoon instappen."),
    ("nl", "blame", "Dat we niet hebben teruggemaild is onze fout, sorry."),
    ("en", "acknowledge", "We understand that bills can sometimes be higher than expected."),
    ("en", "acknowledge", "Nobody has had a reaction, so no need to worry."),
    ("en", "acknowledge", "Add our bundle and roam worry-free in 80 countries."),
    ("nl", "acknowledge", "Ik begrijp dat u geen bankpas heeft die contactloos werkt."),
    ("en", "private_channel", "Calling our app useless isn't fair on the team."),
    (
        "en",
        "patronising",
        "Fair question! The bags are filled by weight. Sounds like yours settled a lot.",
    ),
    (
        "nl",
        "patronising",
        "Je lidmaatschap is beëindigd en je krijgt je geld vandaag terug. Succes met sporten 😉",
    ),
    # sorry for what the customer had to go through is an apology; a refund that went out is news
    ("en", "non_apology", "Sorry you had to find that out at checkout, Beth, that's on us."),
    ("en", "blame", "Tomasz, the £60 went out in this morning's rerun and should show by Friday."),
    # a goodbye is no advice for next time; what the brand takes on for next time is no blame
    ("nl", "blame", "Fijn dat het gelukt is, Erik. Hopelijk tot een volgende keer!"),
    ("nl", "blame", "Stuur een DM en wij zorgen dat uw vader voortaan altijd op tijd is."),
    ("nl", "blame", "Je kunt hem handmatig bedienen, in de handleiding staat hoe."),
    # how something reaches the customer "per mail" invites nobody
    ("nl", "private_channel", "We sturen u de bevestiging per mail."),
    ("nl", "private_channel", "U ontvangt de onderbouwing per mail."),
    # "we'll check" with nothing the customer can hold us to is no next step
    ("en", "solution", "DM us your order number and we'll check."),
    ("en", "solution", "Sorry to hear this. We'll pass it on."),
    # the brand's own promise for next time, or a reason it refuses itself, is no blame
    ("nl", "blame", "Dit zal in het vervolg niet meer gebeuren, sorry."),
    ("nl", "blame", "Zoals in onze mail beloofd, storten we het vandaag terug."),
    ("en", "blame", "That isn't a valid reason for us to keep you waiting, sorry."),
    # "call our …" that is not the customer asked to reach the brand
    ("en", "private_channel", "We are unable to call our customers back."),
    ("en", "private_channel", "Sorry! Call our airline partner for a refund."),
    ("en", "private_channel", "Rachel, calling our app useless is not fair."),
    ("en", "private_channel", "Please don't call our crew criminals."),
    ("en", "private_channel", "You don't need to call our helpline."),
    ("nl", "private_channel", "U hoeft onze klantenservice niet te bellen."),
    # a choice praised, and next time's promise of the brand's own, are no reproach
    ("en", "blame", "So glad you chose the Pixelon 9, enjoy it!"),
    ("en", "blame", "Next time you book, we'll have the cot ready in the room."),
    # the brand calling its own shop, or no need to, invites nobody
    ("en", "private_channel", "We'll call the store this afternoon."),
    ("nl", "private_channel", "U hoeft de winkel niet te bellen."),
    # not announced (yet), or the brand's own failure to announce it, blames nobody
    ("en", "blame", "The new date hasn't been announced yet, keep an eye on the app."),
    ("nl", "blame", "Sorry, dit is nergens aangekondigd, dat had wel gemoeten."),
    # "on us" after a verb of relying owns nothing and, negated, denies nothing
    ("en", "blame", "I can't speed up the passport office, but you won't wait on us."),
    ("en", "ownership", "You can always count on us for a fair price."),
    # negated, it puts nothing on the customer
    ("nl", "blame", "U bent hier niet zelf verantwoordelijk voor, dat hadden wij moeten regelen."),
    # reassurance that others have it too; the brand's own fault named as "the fact"
    ("nl", "blame", "Je bent niet de enige, we zijn ermee bezig."),
    ("en", "blame", "Nothing changes the fact we let you down, and I'm sorry."),
    # "sorry to hear / read" the customer's trouble is sympathy (docs/grading-guide.md)
    (
        "en",
        "non_apology",
        "Sorry to hear you're unhappy with the repair, Sam. DM us and we'll look today.",
    ),
    ("en", "non_apology", "We're sorry to read you're having trouble logging in."),
    # the papers pointed at to help, not to blame; an intensifier in small letters is no shouting
    ("nl", "blame", "Uw afspraak staat in de bevestiging die we net hebben gestuurd."),
    ("en", "shouting", "We're totally on it, and so sorry about this."),
    # a verdict on what happened, or agreeing with the facts, names no feeling: graders label "dat is niet
    # de bedoeling" an acknowledgement in 12 of 78 replies, "u heeft / je hebt gelijk" in 17 of 48 (docs/scoring.md)
    ("nl", "acknowledge", "Dat is niet de bedoeling. Stuurt u ons een DM met uw ordernummer?"),
    ("nl", "acknowledge", "U heeft gelijk, de korting had erop moeten staan. Stuurt u ons een DM?"),
    # the brand's own feelings are not the customer's (docs/grading-guide.md)
    ("en", "acknowledge", "Hi Sam, we're gutted too, nobody wanted this. We'll update you by 5."),
    ("en", "acknowledge", "We are really disappointed too. The new date follows tomorrow."),
    ("nl", "acknowledge", "Wij balen er zelf ook van, Koen! Morgen zijn we weer open."),
    # "we'd be happy to" offers help; "I'd be fuming too" shares the feeling
    ("en", "acknowledge", "We'd be happy to discuss your options, please DM us."),
    # the customer's words weighed are a rebuke, no feeling recognised
    ("nl", "acknowledge", "'Diefstal' is een zware beschuldiging, Henk. Stuur ons een DM."),
    # "email" as a verb or a message asks for no data
    ("en", "public_personal_data", "Please email the club office."),
    # "should have been told" names what the brand failed to give: no blame, the apology beside it
    ("nl", "blame", "Sorry, u had hierover geïnformeerd moeten worden via de groepsmail."),
    # someone else's words, or a condition, are no charge of the customer's own fault
    (
        "nl",
        "blame",
        "De reparatie is gratis, tenzij er sprake is van eigen schuld. Sorry voor de verwarring!",
    ),
    ("en", "blame", "It's on the way to you by courier, sorry for the wait."),
    ("nl", "blame", "Het bestuur van uw VvE heeft ingestemd met de keuze voor aannemer B."),
    ("en", "blame", "Sorry, the new dates will be posted on our website by Friday."),
    ("en", "blame", "We'll ask your mum to sign a consent form this week."),
    ("nl", "blame", "We verwachten vanmiddag een oplossing, sorry voor het wachten."),
    (
        "en",
        "public_personal_data",
        "Callum, timetabling will reply to your email.",
    ),  # a condition without regret, and a farewell, are no sorry-you-feel
    ("nl", "non_apology", "Laat het ons weten als je nog problemen ervaart."),
    ("en", "non_apology", "If you felt unsafe you could call us at any time."),
    ("nl", "non_apology", "Hoi Milan, jammer dat je weggaat! De opzegtermijn is 3 maanden."),
    ("nl", "non_apology", "Wat jammer dat je ons wilt verlaten, Fleur!"),
    # the thirty-ninth round: an upgrade given as compensation is no pitch; the brand owning that its own
    # notice was unclear reproaches nobody
    (
        "en",
        "sales",
        "Free refills only come with the large tub. Ask at the counter on your next visit and they'll"
        " upgrade your regular to a large on us.",
    ),
    (
        "nl",
        "sales",
        "We storten één nacht terug of bieden een gratis upgrade bij uw volgende bezoek.",
    ),
    # the fortieth round: what the customer should not have had to go through is the brand's regret
    (
        "nl",
        "blame",
        "Sorry Yara, dat had je niet bij de poort moeten ontdekken.",
    ),
    (
        "nl",
        "secret_data",
        "Ik heb geen pincode of beveiligingscode van je nodig, daar vragen wij nooit om.",
    ),
    (
        "en",
        "blame",
        "Free refills only come with the large tub, and the small print on that poster doesn't make"
        " that very obvious.",
    ),
    (
        "en",
        "patronising",
        "Free refills only come with the large tub, and the small print on that poster doesn't make"
        " that very obvious.",
    ),
    # the forty-first round: what the brand says it will see to, and what it admits it did not do
    ("nl", "blame", "Wij gaan ervoor zorgen dat klanten voortaan een bevestiging krijgen."),
    ("en", "blame", "We didn't explain the call-out charge, and we should have. Sorry."),
    # the forty-second round: a negation does not reach into a comparison with what the brand should have done
    (
        "en",
        "blame",
        "Sorry, the delivery came up short and we didn't top it up like we should have.",
    ),
    ("nl", "blame", "Sorry, we hebben je niet teruggebeld zoals we hadden moeten doen."),
    # the forty-third round: a guess that spares the customer something is good news, not a guess at them
    ("en", "blame", "Good news: you might not need to pay the call-out fee at all."),
    ("nl", "blame", "Mogelijk hoeft u het niet helemaal te betalen: stuur ons een DM."),
    # the forty-fourth round: other customers as what a measure is for, not a comparison with them
    ("en", "blame", "Thanks Marta: our homepage now says it, so nobody else gets caught out."),
    ("en", "blame", "We've put it on the booking page so that no one else gets caught out."),
    ("nl", "blame", "Dank je, de pagina is aangepast, zodat niemand anders erin trapt."),
    # and what is new is the brand's own machinery or premises, which pitches nothing
    (
        "en",
        "sales",
        "Sorry Dan, our mistake: your renewal didn't transfer to our new ticketing system.",
    ),
    ("en", "sales", "Your chair is safe, Margaret: it's at our new workshop."),
    (
        "nl",
        "sales",
        "Excuses Kim, door een fout in ons nieuwe incassosysteem is er te veel afgeschreven.",
    ),
    # the forty-fifth round: what staff told the customer is their side of it, owned; the terms after a "but"
    # are the way offered instead of what was refused
    (
        "en",
        "blame",
        "Hi Oliver, I understand why a £180 charge four days later feels off, especially when you were told at"
        " the shop the bikes were fine. Our closing check photographed a buckled front rim, but that check was"
        " done two hours after you handed them back, so I can't tell you yet when it happened. Could you DM me"
        " your drop-off photos? I'll put the charge on hold, and if we can't show it happened during your hire,"
        " you get the full £180 back.",
    ),
    (
        "nl",
        "blame",
        "Een gewone retour kan niet meer omdat hij gebruikt is, maar via de garantie laat onze werkplaats hem"
        " binnen 10 werkdagen nakijken.",
    ),
    # and what something else will do next time is no advice to the customer
    ("nl", "blame", "Je nieuwe kaart is omgezet, dus volgende keer loopt hij zo door."),
    ("nl", "blame", "Dank je! Volgende keer gaat ze het zeker halen."),
    # the forty-sixth round: the brand's own should-have, and what the customer will get from now on
    ("nl", "blame", "Sorry Sandra, dat hadden we eerder en duidelijker moeten melden."),
    (
        "nl",
        "blame",
        "Je hebt netjes afgemeld. Voortaan krijg je bij telefonisch afmelden meteen een bevestigingsmail.",
    ),
    # the forty-seventh round: a sorry-you-feel owned in a clause of its own, a DM for the data, a supplier's duty
    ("en", "non_apology", "Sorry you felt stitched up, Viktor, because you were, by our own sign."),
    (
        "en",
        "non_apology",
        "Jo, sorry you've felt ignored since Monday. You were, and that's on us.",
    ),
    ("nl", "public_personal_data", "Stuur ons een DM met je telefoonnummer, dan bellen we je."),
    (
        "en",
        "ownership",
        "We're sorry you were concerned, Bex. Our suppliers are responsible for labelling.",
    ),
    # the forty-ninth round: "not here" is a warning, not where the data goes
    (
        "nl",
        "public_personal_data",
        "Zet uw kenteken en telefoonnummer hier liever niet neer. Stuurt u ze in een DM? Dan belt Peter"
        " u vanmiddag.",
    ),
    ("en", "blame", "I gave you the wrong time on the phone, Sam, and that's why you missed it."),
    # the fifty-sixth round: no blame where the customer is cleared, or "next time you pass" is when to come in;
    # thanks for a message invite nobody; a department signs as nobody
    ("nl", "blame", "Het ligt echt niet aan jezelf, onze accu was kapot. Sorry!"),
    (
        "en",
        "blame",
        "Bring the receipt in next time you pass and we'll give you your money back. ^Greg",
    ),
    ("nl", "private_channel", "Bedankt voor je lieve berichtje, Tim! Fijne dag nog."),
    # a secret named in a warning: the best thing a reply to a phishing victim can say
    (
        "nl",
        "secret_data",
        "Bel direct de fraudelijn. Deel uw pincode met niemand, ook niet met ons.",
    ),
    ("en", "secret_data", "Call the fraud line now. Share your PIN with no one, not even us."),
    (
        "en",
        "secret_data",
        "DM me your player ID (never your password) and I'll put it to a reviewer.",
    ),
    ("en", "secret_data", "DM us your card number and we'll refund the double charge today."),
    ("en", "secret_data", "DM me your name and postcode (no card or PIN details) and I'll call."),
    # the secret is another verb's object, or the warning is a promise in another clause
    ("en", "secret_data", "Sorry Sophie, DM us and we'll reset your password for you. ^Ana"),
    ("en", "secret_data", "Email us if you forgot your password and we'll unlock the account."),
    ("nl", "personal", "Wij kijken ernaar. Met vriendelijke groet, Klantenservice"),
]


@pytest.mark.parametrize(("language", "category", "text"), FOUND, ids=lambda v: str(v)[:40])
def test_the_common_wordings_are_found(language, category, text):
    spans = found(text, category, language)
    assert spans and all(span and span.lower() in text.lower() for span in spans), spans


@pytest.mark.parametrize(("language", "category", "text"), NOT_FOUND, ids=lambda v: str(v)[:40])
def test_their_look_alikes_are_not(language, category, text):
    assert found(text, category, language) == []


def test_thanking_the_customer_by_name_is_no_sign_off():
    """ "..., thanks Sam" at the end signs as Sam, unless Sam is the customer being thanked."""
    text = "Got the photos, we'll refund it today, thanks Sam"
    assert found(text, "personal", first_name="Sam") == ["Sam"]
    assert found(text, "personal", first_name="Priya") == ["thanks Sam"]


def test_congratulations_on_a_prize_are_no_mockery():
    won = "Ik heb €250 gewonnen in de loterij en nog steeds niks ontvangen!"
    assert (
        found("Gefeliciteerd met uw prijs, Gerda! Hij komt vrijdag.", "patronising", "nl", post=won)
        == []
    )
    complaint = "Mijn pakket is kwijt en niemand reageert!"
    assert found("Gefeliciteerd, Gerda. Hij komt vrijdag.", "patronising", "nl", post=complaint)


def test_thanking_an_angry_customer_for_kind_words_is_sarcasm():
    """Thanks for a "lovely message" to a furious customer talks down to them; to a calm one, or in the
    closing message of a handled case, it can be meant."""
    en = "Thanks for the kind words, Derek! Hope the drive home was worth it."
    nl = "Bedankt voor uw vriendelijke woorden, Ronald. Wij sturen u graag een nieuw blik."
    assert found(en, "patronising", anger=0.9) == ["kind words"]
    bare = "Thanks for the lovely message! Turns out heating a flat isn't free, who knew."
    assert found(bare, "patronising", anger=0.9) == ["lovely message"]
    assert found(nl, "patronising", "nl", anger=0.85) == ["vriendelijke woorden"]
    assert found(en, "patronising", anger=0.3) == []
    assert found("Thanks for the compliment, Derek. Enjoy the walk home.", "patronising", anger=0.9)
    # no thanks, no sarcasm: "no kind words can fix this"
    owned = "Derek, I'm so sorry. No kind words can fix a ruined holiday, so we've refunded it all today."
    assert found(owned, "patronising", anger=0.9) == []
    assert found(nl, "patronising", "nl", anger=0.85, kind="resolve") == []


def test_a_negated_or_conditional_request_asks_for_no_data():
    assert (
        found("No need to post your address, we know where Elm Close is.", "public_personal_data")
        == []
    )
    assert (
        found(
            "If your dad typed in any login details, ring the fraud line on the back of his card.",
            "secret_data",
        )
        == []
    )
    assert found(
        "To unblock your card right away, please reply here with your date of birth.",
        "public_personal_data",
    ) == ["date of birth"]


def test_what_the_policy_forbids_earns_nothing():
    policy = Policy.model_validate({"forbidden": ["wij begrijpen uw frustratie"]})
    text = "Wij begrijpen uw frustratie. Onze monteurs werken eraan."
    banned = assess(text, ctx("nl", policy=policy))
    free = assess(text, ctx("nl"))
    assert banned.has("forbidden")
    # the feeling is still named (graders label it), but a banned phrase earns nothing for it
    acknowledged = [
        f for f in banned.findings if f.category == "acknowledge" and f.polarity == "earned"
    ]
    assert [f.points for f in acknowledged] == [0.0]
    assert free.has("acknowledge") and not free.has("forbidden")
    assert banned.score < free.score
    # a feeling named in the reply's own words, outside the banned phrase, keeps its points
    own = assess(
        "Wat een gedoe voor u, drie dagen zonder verwarming. " + text, ctx("nl", policy=policy)
    )
    kept = [f for f in own.findings if f.category == "acknowledge" and f.polarity == "earned"]
    assert [f.span for f in kept] == ["Wat een gedoe"] and kept[0].points > 0


def test_courtesy_from_a_person_is_manners_and_from_a_department_a_form_letter():
    person = (
        "Dag Ron, dank voor uw bericht. Ik heb de poli gebeld: u kunt morgen terecht. Groet, Naima"
    )
    department = "Beste klant, dank voor uw bericht. Met vriendelijke groet, Team Belnet"
    assert found(person, "boilerplate", "nl") == []
    assert found(department, "boilerplate", "nl")


def test_the_customers_own_time_of_day_is_no_forecast():
    facts = {"cause_known": True, "cause": "a switch failed", "fix_expected": "around 10:30"}
    post = "No internet and I have to present at 11!"
    text = "Working from home and presenting at 11: awful. A switch failed, expected back around 10:30."
    assert found(text, "speculation", facts=facts, post=post) == []
    promise = "A switch failed; the internet is back before 11, in time for your call."
    assert found(promise, "speculation", facts=facts, post=post)


def test_an_error_owned_behind_a_negated_verb_stays_owned_and_a_denied_one_stays_blame():
    # (short replies: the phrase rules' own reading, no detector weighs them)
    for text, language in (
        ("Hi Bram, the interest was not credited due to an error on our side.", "en"),
        ("The payment wasn't processed because of an error on our side.", "en"),
        ("De rente is niet bijgeschreven door een fout in onze verwerking.", "nl"),
        ("De betaling is niet verwerkt door een fout in ons systeem.", "nl"),
    ):
        assert found(text, "ownership", language) and found(text, "blame", language) == [], text
    # the negation right before the cause, with a degree word between, or with a verb that is not
    # the case's own (think, seem, look, say; a cause verb: "veroorzaakt door") denies the fault
    for text, language in (
        ("This was not due to an error on our side.", "en"),
        ("This wasn't really due to an error on our side.", "en"),
        ("We don't think it was due to an error on our side.", "en"),
        ("This doesn't seem to be due to an error on our side.", "en"),
        ("It is not at all due to an error on our side.", "en"),
        ("We can't say it was due to an error on our side.", "en"),
        ("Dit komt echt niet door een fout in onze verwerking.", "nl"),
        ("De vertraging is niet veroorzaakt door een fout van onze kant.", "nl"),
        ("Het lijkt niet te komen door een fout van onze kant.", "nl"),
    ):
        assert found(text, "blame", language) and found(text, "ownership", language) == [], text


def test_a_notice_sent_in_error_blames_nobody():
    slip = "You are insured, Dan: that cancellation email went out in error this morning."
    assert found(slip, "blame") == []
    assert found("The renewal email went out on the 3rd, as it does every year.", "blame")
    # the customer's own slip is still theirs
    for text, language in (
        ("You entered the code in error.", "en"),
        ("You renewed in error and the charge stands.", "en"),
        ("U heeft de code per abuis verkeerd ingevoerd.", "nl"),
    ):
        assert found(text, "blame", language), text


def test_a_reply_is_quoted_the_same_in_every_process():
    """The lexicon's phrases are tried in one fixed order: the quoted span does not depend on the
    process's hash seed (it did: "sorry you found the" under one seed, "sorry you found the
    experience" under another)."""
    text = "We're sorry you found the experience disappointing, Rachel."
    command = [sys.executable, str(Path(__file__).parents[1] / "run.py"), "assess", text]
    outputs = []
    for hash_seed in ("1", "4"):
        done = subprocess.run(
            [*command, "--language", "en", "--json"],
            check=True,
            capture_output=True,
            text=True,
            env={**os.environ, "PYTHONHASHSEED": hash_seed},
        )
        outputs.append(done.stdout)
    assert outputs[0] == outputs[1] and "sorry you found the experience" in outputs[0]


def test_laughing_at_an_angry_customer_with_nothing_done_is_mockery():
    """A grin or a "haha" to a furious customer, with no step, cause or fault owned, mocks them; beside a
    real answer it is the trainee matching the customer's own joke, and to a calm customer it is warmth."""
    cosy = "Owen, nine belts?! That's a workout 😅 Sorry for the hassle, drop us a DM."
    assert found(cosy, "patronising", anger=0.8) == ["😅"]
    nl = "Haha Ruben, zo'n aanhanger snoeiafval is ook een mooie workout 😄 Stuur ons een DM!"
    assert found(nl, "patronising", "nl", anger=0.7) == ["Haha"]
    assert found(cosy, "patronising", anger=0.3) == []
    answered = (
        "Leanne, no pyjamas, I promise 😅 Our supplier shipped three weeks late, that's on us and I'm "
        "sorry. The costumes arrive Thursday and we'll fit them at Friday's rehearsal."
    )
    assert found(answered, "patronising", anger=0.8) == []
    assert assess(cosy, ctx(anger=0.8)).score < assess(cosy, ctx(anger=0.3)).score
    assert found("Ahahaha Tom, LMAO, that's a first. DM us", "patronising", anger=0.9) == [
        "Ahahaha"
    ]
    # not laughter: Dutch "lol" (fun), a name or a handle that starts like one, a smile closing a caring reply
    no_fun = "Een kapotte wasmachine voor de feestdagen is geen lol, Ruben. Stuur ons een DM."
    assert found(no_fun, "patronising", "nl", anger=0.8) == []
    assert found("Beste mevrouw Hehenkamp, stuur ons een DM.", "patronising", "nl", anger=0.8) == []
    assert found("Sorry @hahaben, DM us please.", "patronising", anger=0.8) == []
    closing = "So sorry for the wait, Sam, that's annoying. Pop us a DM and I'll chase it 😄 ^Kat"
    assert found(closing, "patronising", anger=0.8) == []


def test_praise_for_a_valued_member_of_the_family_is_hollow():
    """ "You're a valued member of the StreamFlix family" to someone cancelling after five contacts: the
    grading guide's hollow praise, whatever else the reply says."""
    en = "Dave, you're a valued member of the StreamFlix family and we'd hate to see you go! 💜"
    nl = "Hoi Daan! Jij bent een gewaardeerd lid van de FitForce-familie en we vinden het jammer dat je gaat!"
    assert found(en, "hollow", anger=1.0) == ["valued member"]
    assert found(nl, "hollow", "nl", anger=1.0) == ["gewaardeerd lid"]
    assert found("Dave, our members voted for the new studio hours in May.", "hollow") == []
    assert found("One of our valued customers, Dave! DM us", "hollow", anger=0.9) == [
        "valued customers"
    ]
    halewind = "Aisha, please don't go! You're a valued part of the Halewind family. DM us"
    assert found(halewind, "hollow", anger=0.9) == ["You're a valued part of the Halewind family"]
    # a product line, relatives, feedback, or the customer's own words echoed: no praise of the customer
    fits = "Dave, this charger is part of the Galaxy S family, so it fits. A new one ships today."
    assert found(fits, "hollow", anger=0.8) == []
    feedback = "Dave, your feedback is a valued part of how we improve. Your refund went out today."
    assert found(feedback, "hollow", anger=0.8) == []
    relatives = "Als een lid van de familie het account beheert, kan die de betaling stopzetten."
    assert found(relatives, "hollow", "nl", anger=0.8) == []
    post = "So much for being a valued customer: three weeks and no refund."
    echo = "Dave, being a valued customer shouldn't mean waiting three weeks. Your refund went out today."
    assert found(echo, "hollow", anger=0.8, post=post) == []
