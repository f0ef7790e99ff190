// Name lists faker has no locale for: Ugandan names by region, and Marathi/Hindi names in Devanagari.

export interface NamePool {
  female: readonly string[];
  male: readonly string[];
}

/** Given names heard at every Ugandan desk (Christian and Muslim), written first on most forms. */
export const UGANDAN_GIVEN: NamePool = {
  female: [
    'Grace', 'Sarah', 'Esther', 'Ruth', 'Florence', 'Harriet', 'Agnes', 'Brenda', 'Juliet', 'Sharon', 'Doreen', 'Winnie',
    'Patience', 'Joan', 'Rebecca', 'Mercy', 'Gloria', 'Prossy', 'Allen', 'Sylvia', 'Annet', 'Betty', 'Irene', 'Rose',
    'Christine', 'Rachael', 'Immaculate', 'Scovia', 'Dorcus', 'Lydia', 'Caroline', 'Evelyn', 'Stella', 'Phionah',
    'Shamim', 'Aisha', 'Mariam', 'Hadijah', 'Zaitun', 'Josephine', 'Margaret', 'Catherine', 'Jane', 'Edith', 'Olivia',
    'Vivian', 'Faith', 'Hope', 'Sandra', 'Diana',
  ],
  male: [
    'Joseph', 'Moses', 'Patrick', 'Dennis', 'Ivan', 'Daniel', 'Samuel', 'John', 'Peter', 'Paul', 'David', 'Emmanuel',
    'Isaac', 'Brian', 'Ronald', 'Richard', 'Godfrey', 'Robert', 'Charles', 'Francis', 'Henry', 'Julius', 'Geoffrey',
    'Simon', 'Stephen', 'Andrew', 'Joshua', 'Allan', 'Edward', 'Fred', 'Hassan', 'Ibrahim', 'Musa', 'Twaha', 'Abdul',
    'Denis', 'Benjamin', 'Timothy', 'Martin', 'George', 'Michael', 'James', 'Herbert', 'Nelson', 'Innocent', 'Collins',
    'Lawrence', 'Vincent', 'Arthur', 'Solomon',
  ],
};

/** Family names by region; Baganda and Luo names differ for women and men (Na-/A- versus Ss-/O-). */
export const UGANDAN_SURNAMES: Record<'Central' | 'Northern' | 'Western' | 'Eastern', NamePool> = {
  Central: {
    female: [
      'Nakato', 'Babirye', 'Nansubuga', 'Namukasa', 'Nalubega', 'Nakimuli', 'Namata', 'Nabukenya', 'Nakalema', 'Nantongo',
      'Nalwoga', 'Namutebi', 'Nakanwagi', 'Nassali', 'Namusoke', 'Nakiganda', 'Nanyonga', 'Nakayiza', 'Nalule', 'Nabatanzi',
      'Nambi', 'Nakitto', 'Nakabugo', 'Namakula', 'Nassuna',
    ],
    male: [
      'Kato', 'Wasswa', 'Mukasa', 'Ssemwanga', 'Kizito', 'Lubega', 'Ssentongo', 'Kigozi', 'Mugerwa', 'Ssekandi', 'Kawooya',
      'Lwanga', 'Musoke', 'Kiggundu', 'Ssebunya', 'Kasozi', 'Mulindwa', 'Ssewankambo', 'Katende', 'Kibirige', 'Ssemakula',
      'Kalanzi', 'Mutebi', 'Kyeyune', 'Ssali',
    ],
  },
  Northern: {
    female: [
      'Akello', 'Atim', 'Auma', 'Aber', 'Acen', 'Lamunu', 'Adong', 'Apio', 'Ayaa', 'Akumu', 'Anena', 'Atoo', 'Amony', 'Laker',
      'Akot', 'Adoch', 'Alanyo', 'Aciro', 'Akwero', 'Abalo',
    ],
    male: [
      'Okello', 'Ocen', 'Opio', 'Odongo', 'Ojok', 'Okot', 'Oryem', 'Otim', 'Olweny', 'Okwera', 'Komakech', 'Ocaya', 'Onen',
      'Oloya', 'Obol', 'Opiyo', 'Ogwang', 'Odoch', 'Ongom', 'Ochola',
    ],
  },
  Western: {
    female: [
      'Ainembabazi', 'Atuhaire', 'Kyomuhendo', 'Natukunda', 'Ninsiima', 'Kansiime', 'Ampeire', 'Kyarisiima', 'Kemigisha',
      'Ayebare', 'Asiimwe', 'Tumusiime', 'Akankwasa', 'Nabasa', 'Kobusingye', 'Twinamatsiko', 'Atwine', 'Kembabazi',
    ],
    male: [
      'Byaruhanga', 'Mugisha', 'Ahimbisibwe', 'Twinomugisha', 'Asiimwe', 'Tumwesigye', 'Kamugisha', 'Arinaitwe', 'Mwesigwa',
      'Turyahikayo', 'Nuwagaba', 'Bainomugisha', 'Tukahirwa', 'Beinomugisha', 'Agaba', 'Rwabwogo', 'Tumusiime', 'Byamukama',
    ],
  },
  Eastern: {
    female: [
      'Mutesi', 'Nabirye', 'Babirye', 'Nangobi', 'Naigaga', 'Namulondo', 'Alupo', 'Apio', 'Amoding', 'Nabulo', 'Nandutu',
      'Namono', 'Nafula', 'Nabwire', 'Akol', 'Atim', 'Nakirya', 'Kagoya',
    ],
    male: [
      'Waiswa', 'Kagoda', 'Isabirye', 'Kintu', 'Balidawa', 'Mugoya', 'Wambuzi', 'Mwondha', 'Kirunda', 'Tibenda', 'Ekiru',
      'Okiror', 'Emuron', 'Opolot', 'Wanyama', 'Mafabi', 'Masaba', 'Wabwire', 'Wandera', 'Khaukha', 'Senwa', 'Egesa',
    ],
  },
};

/** Maharashtrian family names written in Latin script, beside faker's pan-Indian list. */
export const MARATHI_SURNAMES = [
  'Patil', 'Deshmukh', 'Kulkarni', 'Joshi', 'Pawar', 'Jadhav', 'Shinde', 'Gaikwad', 'Deshpande', 'Chavan', 'Kale', 'More',
  'Salunkhe', 'Bhosale', 'Kamble', 'Gokhale', 'Apte', 'Sawant', 'Wagh', 'Thakur', 'Mane', 'Kadam', 'Phadke', 'Naik',
] as const;

/** Patients registered with their names in Devanagari (Marathi and Hindi). */
export const DEVANAGARI_GIVEN: NamePool = {
  female: [
    'प्रिया', 'सुनीता', 'अनिता', 'स्नेहा', 'पूजा', 'कविता', 'मीना', 'अश्विनी', 'सायली', 'वैशाली', 'रेखा', 'शीतल', 'मनीषा',
    'अर्चना', 'दीपा', 'सुवर्णा', 'माधुरी', 'रोहिणी', 'शुभांगी', 'अपर्णा',
  ],
  male: [
    'राहुल', 'अमित', 'सुनील', 'संजय', 'विजय', 'प्रशांत', 'अजय', 'महेश', 'गणेश', 'सचिन', 'नितीन', 'रवी', 'अनिल', 'राजेश',
    'विकास', 'मंगेश', 'संदीप', 'योगेश', 'किरण', 'दत्तात्रय',
  ],
};

export const DEVANAGARI_SURNAMES = [
  'पाटील', 'देशमुख', 'कुलकर्णी', 'जोशी', 'पवार', 'जाधव', 'शिंदे', 'गायकवाड', 'देशपांडे', 'चव्हाण', 'काळे', 'मोरे', 'भोसले',
  'शर्मा', 'वर्मा', 'गोखले', 'आपटे', 'सावंत', 'कदम', 'नाईक',
] as const;

/** Common surnames around Boston (census-frequent, Irish, Italian, Portuguese, Haitian, Vietnamese, Chinese families). */
export const US_SURNAMES = [
  'Smith', 'Johnson', 'Williams', 'Brown', 'Jones', 'Miller', 'Davis', 'Wilson', 'Anderson', 'Thomas', 'Taylor', 'Moore', 'Jackson', 'Martin',
  'Lee', 'Thompson', 'White', 'Harris', 'Clark', 'Lewis', 'Robinson', 'Walker', 'Young', 'Allen', 'King', 'Wright', 'Scott', 'Hill', 'Green',
  'Adams', 'Nelson', 'Baker', 'Hall', 'Campbell', 'Mitchell', 'Carter', 'Roberts', "O'Brien", 'Sullivan', 'Murphy', 'Kelly', 'McCarthy',
  'Walsh', 'Ryan', 'Doherty', 'Fitzgerald', 'Russo', 'Rossi', 'DeMarco', 'Ferrara', 'Silva', 'Santos', 'Costa', 'Pierre', 'Joseph', 'Jean-Baptiste',
  'Nguyen', 'Tran', 'Pham', 'Chen', 'Wong', 'Li', 'Cohen', 'Levine', 'Patel', 'Shah',
] as const;

/** Common Hispanic surnames (faker's es_MX list mixes in joke entries). */
export const HISPANIC_SURNAMES = [
  'García', 'Rodríguez', 'Martínez', 'Hernández', 'López', 'González', 'Pérez', 'Sánchez', 'Ramírez', 'Torres', 'Flores', 'Rivera', 'Gómez',
  'Díaz', 'Cruz', 'Morales', 'Reyes', 'Ortiz', 'Gutiérrez', 'Chávez', 'Ramos', 'Ruiz', 'Vargas', 'Castillo', 'Jiménez', 'Moreno', 'Romero',
  'Herrera', 'Medina', 'Aguilar', 'Vásquez', 'Castro', 'Mendoza', 'Santiago', 'Colón', 'Figueroa',
] as const;
