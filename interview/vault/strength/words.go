package strength

import "sync"

// words returns the word list as a cracker's dictionary: each word, as normalize leaves it,
// and its rank, the guesses a cracker spends to reach it. It is built on first use, not
// when the program starts: only the commands that set a passphrase pay for it.
var words = sync.OnceValue(func() map[string]int {
	m := map[string]int{}
	add := func(list []string, convert func(string) string) {
		for rank, w := range list {
			w = convert(w)
			if r, ok := m[w]; !ok || rank+1 < r {
				m[w] = rank + 1
			}
		}
	}
	same := func(w string) string { return w }
	// A cracker runs through each language's list in parallel, so a word's rank is its
	// place in its own list.
	add(passwords, same)
	add(romanian, same)
	add(russian, latinKeys)
	add(ukrainian, latinKeys)
	return m
})

// The lists below were written for earlyid, most common first. passwords holds the
// passwords that every published study of leaked passwords finds at the top, the ones
// crackers try first in any country (facts, not a copied list); the three others are
// everyday words that people in Moldova, Romania, Ukraine and Russia build passwords on:
// love, family, names, places, pets, faith, football. Runs, keyboard walks, repeats and
// dates are found as patterns, at any length; the few walks listed (1q2w3e4r, zxcvbnm) are
// among the commonest passwords of all, and cheaper so than as zigzags.

// passwords are the most common passwords and password words worldwide.
var passwords = []string{
	"password", "iloveyou", "qwerty", "admin", "welcome", "monkey", "dragon", "letmein",
	"football", "baseball", "master", "sunshine", "princess", "shadow", "superman", "michael",
	"trustno1", "batman", "starwars", "whatever", "hello", "freedom", "login", "abc123",
	"qazwsx", "qwe123", "1q2w3e4r", "1q2w3e", "zxcvbnm", "asdfgh", "secret", "love",
	"lovely", "angel", "flower", "jesus", "killer", "hunter", "soccer", "charlie", "jordan",
	"jennifer", "computer", "internet", "samsung", "google", "pokemon", "cheese", "summer",
	"winter", "ginger", "buster", "pepper", "hockey", "ranger", "daniel", "andrew",
	"thomas", "jessica", "ashley", "nicole", "family", "friend", "mother", "father",
	"money", "orange", "purple", "banana", "chocolate", "matrix", "access", "test", "guest",
	"user", "default", "changeme", "passwort", "motdepasse", "contrasena", "pass", "mypass",
	"mypassword", "newpassword", "blink182", "liverpool", "chelsea", "arsenal", "barcelona",
	"madrid", "juventus", "maria", "anna", "alex", "sweet", "baby", "babygirl", "lover",
	"forever", "beautiful", "happy", "smile", "magic", "tigger", "loveme", "fuckyou",
	// Russian and Ukrainian names and words as they are spelt in Latin letters.
	"natasha", "sasha", "masha", "dima", "sergey", "andrey", "maxim", "olga", "katya",
	"nastya", "tanya", "lena", "marina", "svetlana", "oksana", "ivan", "vladimir",
	"dmitry", "alexey", "nikita", "artem", "denis", "irina", "ekaterina", "anastasia",
	"yulia", "lyubov", "privet", "solnce", "kotik", "zaika", "lyublyu", "moskva", "kiev",
	"kyiv", "ukraina", "rossiya", "parol",
}

// romanian are Romanian words and names, written without diacritics as normalize leaves
// them.
var romanian = []string{
	"parola", "parolamea", "iubire", "dragoste", "iubita", "iubitul", "moldova",
	"chisinau", "romania", "bucuresti", "salut", "buna", "bunaziua", "mama", "tata",
	"familia", "soare", "floare", "pisica", "catel", "fotbal", "dumnezeu", "secret",
	"doamne", "frumoasa", "printesa", "ingeras", "comoara", "viata", "libertate",
	"parolanoua", "intrare", "acasa", "copii", "prieten", "prietena", "iubesc",
	"teiubesc", "dragul", "draga", "scumpa", "scumpul", "puiut", "puisor", "inima",
	"sufletul", "suflet", "fericire", "noroc", "speranta", "credinta", "isus", "hristos",
	"biserica", "inger", "ingerul", "stea", "steluta", "luna", "cer", "mare", "primavara",
	"vara", "toamna", "iarna", "balti", "cahul", "orhei", "soroca", "ungheni", "tiraspol",
	"comrat", "iasi", "cluj", "timisoara", "constanta", "europa", "italia", "spania",
	"anglia", "germania", "franta", "ion", "ionut", "andrei", "mihai", "alexandru",
	"nicolae", "vasile", "gheorghe", "dumitru", "sergiu", "victor", "maria", "elena",
	"ana", "ioana", "cristina", "natalia", "olga", "tatiana", "irina", "diana", "mariana",
	"daniela", "nicoleta", "veronica", "sorin", "radu", "bogdan", "catalin", "florin",
	"zimbrul", "sheriff", "dacia", "steaua", "dinamo", "rapid", "caine", "cainele",
	"pisoi", "ursul", "lupul", "vulpe", "calul", "masina", "bani", "casa", "munca",
	"scoala", "student", "profesor", "doctor", "telefon", "calculator", "internet",
	"vinul", "vin", "paine", "ciocolata", "cafea", "bunica", "bunicul", "fratele", "sora",
	"fiul", "fiica", "sotia", "sotul", "nunta", "ziua", "noapte", "dimineata", "acum",
	"mereu", "pentru", "totul", "nimic", "cineva", "frumos", "bine", "foarte", "mult",
	"mea", "meu", "noua", "nou", "dor", "dulce", "iubi", "tineri", "vesnic",
}

// russian are Russian words and names, in Cyrillic; they are listed as the Latin keys
// they are typed on.
var russian = []string{
	"пароль", "мойпароль", "любовь", "привет", "солнышко", "котенок", "зайка", "наташа",
	"марина", "светлана", "олег", "сергей", "андрей", "максим", "мама", "папа", "семья",
	"москва", "россия", "киев", "кишинев", "молдова", "секрет", "футбол", "господь",
	"надежда", "свобода", "родина", "счастье", "друг", "подруга", "вход", "новыйпароль",
	"ястреб", "люблютебя", "люблю", "любимая", "любимый", "солнце", "котик", "кошка",
	"собака", "рыбка", "малыш", "малышка", "дракон", "ангел", "ангелочек", "принцесса",
	"красотка", "королева", "король", "бог", "иисус", "вера", "жизнь", "мечта", "удача",
	"победа", "спартак", "зенит", "динамо", "цска", "шериф", "тирасполь", "бельцы",
	"александр", "алексей", "дмитрий", "владимир", "николай", "иван", "михаил", "павел",
	"евгений", "денис", "виктор", "игорь", "юрий", "анна", "мария", "елена", "ольга",
	"татьяна", "ирина", "екатерина", "анастасия", "юлия", "оксана", "людмила", "галина",
	"валентина", "дима", "саша", "миша", "лена", "катя", "настя", "таня", "оля", "маша",
	"ксюша", "машина", "деньги", "работа", "дом", "школа", "компьютер", "телефон",
	"интернет", "админ", "логин", "парольчик", "тест", "весна", "лето", "осень", "зима",
	"небо", "звезда", "море", "цветок", "роза", "ромашка", "шоколад", "мишка", "медведь",
	"волк", "лиса", "тигр", "лев", "привет123", "добро", "здравствуй", "навсегда", "мой",
	"моя", "новый", "очень", "всегда",
}

// ukrainian are Ukrainian words and names, in Cyrillic; they are listed as the Latin keys
// they are typed on.
var ukrainian = []string{
	"пароль", "кохання", "коханий", "кохана", "сонечко", "україна", "київ", "кишинів",
	"щастя", "родина", "мама", "тато", "сім'я", "люблю", "любов", "кохаю", "серденько",
	"зайчик", "котик", "кицька", "собака", "привіт", "вітаю", "слава", "воля", "свобода",
	"надія", "віра", "бог", "господь", "ісус", "янгол", "львів", "одеса", "харків",
	"дніпро", "чернівці", "динамо", "шахтар", "олександр", "андрій", "сергій", "дмитро",
	"микола", "василь", "петро", "іван", "олег", "юрій", "тарас", "богдан", "оксана",
	"олена", "ольга", "наталія", "тетяна", "ірина", "юлія", "марія", "анна", "софія",
	"катерина", "вікторія", "галина", "людмила", "весна", "літо", "осінь", "зима", "сонце",
	"небо", "зірка", "море", "квітка", "калина", "вишня", "гроші", "робота", "хата",
	"школа", "друг", "подруга", "мрія", "життя", "назавжди", "вхід", "секрет", "таємниця",
}
