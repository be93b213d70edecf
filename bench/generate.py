#!/usr/bin/env python3
"""Generate a deterministic bilingual news site for benchmarking warta against Hugo.

    python3 bench/generate.py --stories N --out DIR --engine warta|hugo

The same N always gives byte-identical files (fixed seed, no clock, no
environment). Both engines get the same stories, dates, terms and link
targets; only the layout on disk, the front matter keys and the link syntax
differ:

* warta: the layout of warta's README (site.yaml, content/<section>/...,
  links written as relative paths to the target's content file).
* hugo: hugo.toml, taxonomies directorates/events/programs/tags whose term
  pages carry content (content/<taxonomy>/<key>/_index.<lang>.md), small
  hand-written layouts, and internal links as {{< relref "..." >}}
  shortcodes, which Hugo resolves and checks at build time like warta does.
  The layouts carry the same Pagefind attributes as warta's templates
  (data-pagefind-body on a story's article and on the article of a term's
  first page when the term has text, data-pagefind-meta title/date/directorate,
  data-pagefind-ignore on the byline, the terms and the eyebrow of term
  pages), so that the Pagefind CLI run over Hugo's output indexes the same
  text as warta's built-in search.

Python 3.11 standard library only.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import re
import shutil
import string
import sys
import unicodedata

SEED = 20190101
START = dt.date(2019, 1, 1)
# Dates are spread over working days from START: one story per working day
# while that stays before END, several per day beyond that, so that every
# date lies in the past (Hugo skips future-dated pages by default).
END = dt.date(2025, 12, 31)
LANGS = ("id", "en")
TRANSLATED_SHARE = 0.8

# --------------------------------------------------------------------------
# Vocabulary. Every entry is a pair (Indonesian, English).
# --------------------------------------------------------------------------

DIRECTORATES = [
    # key, full name id/en, short name id/en, director general name
    ("dayasos", "Direktorat Jenderal Pemberdayaan Sosial", "Directorate General of Social Empowerment",
     "Ditjen Dayasos", "the Social Empowerment Directorate General"),
    ("rehsos", "Direktorat Jenderal Rehabilitasi Sosial", "Directorate General of Social Rehabilitation",
     "Ditjen Rehsos", "the Social Rehabilitation Directorate General"),
    ("linjamsos", "Direktorat Jenderal Perlindungan dan Jaminan Sosial",
     "Directorate General of Social Protection and Security",
     "Ditjen Linjamsos", "the Social Protection Directorate General"),
    ("pfm", "Direktorat Jenderal Penanganan Fakir Miskin", "Directorate General for Handling the Poor",
     "Ditjen PFM", "the Directorate General for Handling the Poor"),
    ("setjen", "Sekretariat Jenderal Kementerian Sosial", "Secretariat General of the Ministry of Social Affairs",
     "Setjen Kemensos", "the Secretariat General"),
]

PROGRAMS = [
    # key, directorate, full name id/en, short name (both languages)
    ("atensi", "rehsos", "Asistensi Rehabilitasi Sosial", "Social Rehabilitation Assistance", "ATENSI"),
    ("pkh", "linjamsos", "Program Keluarga Harapan", "Family Hope Program", "PKH"),
    ("bpnt", "pfm", "Bantuan Pangan Non Tunai", "Non-Cash Food Assistance", "BPNT"),
    ("prokus", "dayasos", "Program Kewirausahaan Sosial", "Social Entrepreneurship Program", "ProKUS"),
    ("pilar-sosial", "dayasos", "Pemberdayaan Pilar-Pilar Sosial", "Empowerment of Social Pillars", "Pilar Sosial"),
    ("kat", "dayasos", "Pemberdayaan Komunitas Adat Terpencil", "Empowerment of Remote Indigenous Communities", "KAT"),
    ("tagana", "linjamsos", "Taruna Siaga Bencana", "Disaster Preparedness Cadets", "Tagana"),
]

TAGS = [
    ("bansos", "Bantuan Sosial", "Social Assistance"),
    ("disabilitas", "Disabilitas", "Disability"),
    ("lansia", "Lanjut Usia", "Older People"),
    ("anak", "Perlindungan Anak", "Child Protection"),
    ("bencana", "Kebencanaan", "Disasters"),
    ("pelatihan", "Pelatihan", "Training"),
    ("kemitraan", "Kemitraan", "Partnerships"),
    ("pendataan", "Pendataan", "Social Data"),
    ("kewirausahaan", "Kewirausahaan Sosial", "Social Entrepreneurship"),
    ("psm", "Pekerja Sosial Masyarakat", "Community Social Workers"),
    ("pekerja-sosial", "Pekerja Sosial", "Social Workers"),
    ("perencanaan", "Perencanaan", "Planning"),
]

CITIES = [
    ("Jakarta", "DKI Jakarta"), ("Bekasi", "Jawa Barat"), ("Bandung", "Jawa Barat"), ("Bogor", "Jawa Barat"),
    ("Semarang", "Jawa Tengah"), ("Surakarta", "Jawa Tengah"), ("Yogyakarta", "DI Yogyakarta"),
    ("Surabaya", "Jawa Timur"), ("Malang", "Jawa Timur"), ("Serang", "Banten"), ("Medan", "Sumatera Utara"),
    ("Padang", "Sumatera Barat"), ("Pekanbaru", "Riau"), ("Palembang", "Sumatera Selatan"),
    ("Bandar Lampung", "Lampung"), ("Banda Aceh", "Aceh"), ("Jambi", "Jambi"), ("Bengkulu", "Bengkulu"),
    ("Pontianak", "Kalimantan Barat"), ("Banjarmasin", "Kalimantan Selatan"), ("Samarinda", "Kalimantan Timur"),
    ("Palangka Raya", "Kalimantan Tengah"), ("Makassar", "Sulawesi Selatan"), ("Manado", "Sulawesi Utara"),
    ("Palu", "Sulawesi Tengah"), ("Kendari", "Sulawesi Tenggara"), ("Denpasar", "Bali"),
    ("Mataram", "Nusa Tenggara Barat"), ("Kupang", "Nusa Tenggara Timur"), ("Ambon", "Maluku"),
    ("Ternate", "Maluku Utara"), ("Jayapura", "Papua"), ("Manokwari", "Papua Barat"), ("Sorong", "Papua Barat Daya"),
]

GROUPS = [
    ("penerima manfaat", "beneficiaries"),
    ("keluarga penerima manfaat (KPM)", "beneficiary families"),
    ("penyandang disabilitas", "persons with disabilities"),
    ("warga lanjut usia", "older people"),
    ("anak yatim piatu", "orphaned children"),
    ("warga komunitas adat terpencil", "members of remote indigenous communities"),
    ("korban bencana", "disaster victims"),
    ("pekerja sosial masyarakat", "community social workers"),
    ("pendamping sosial", "social assistants"),
    ("keluarga prasejahtera", "low-income families"),
    ("perempuan rawan sosial ekonomi", "socially and economically vulnerable women"),
    ("anak jalanan", "street children"),
    ("pelaku usaha mikro", "micro-entrepreneurs"),
    ("relawan Tagana", "Tagana volunteers"),
]

ACTIVITIES = [
    # id, en, key for event file names
    ("bimbingan teknis", "technical guidance", "bimtek"),
    ("rapat koordinasi", "coordination meeting", "rakor"),
    ("sosialisasi", "information session", "sosialisasi"),
    ("penyaluran bantuan", "aid distribution", "penyaluran"),
    ("pelatihan", "training", "pelatihan"),
    ("diskusi kelompok terpumpun", "focus group discussion", "fgd"),
    ("monitoring dan evaluasi", "monitoring and evaluation", "monev"),
    ("kunjungan kerja", "working visit", "kunker"),
    ("verifikasi dan validasi data", "data verification", "verval"),
    ("jambore", "jamboree", "jambore"),
    ("rapat kerja", "working meeting", "raker"),
    ("temu konsultasi", "consultation meeting", "temu-konsultasi"),
]

AID = [
    ("bantuan sembako", "staple food aid"),
    ("alat bantu dengar", "hearing aids"),
    ("kursi roda", "wheelchairs"),
    ("modal usaha", "business capital"),
    ("paket perlengkapan sekolah", "school supply kits"),
    ("logistik darurat", "emergency supplies"),
    ("bantuan tunai", "cash assistance"),
    ("bantuan rehabilitasi rumah", "home repair assistance"),
    ("alat bantu jalan", "walking aids"),
    ("paket nutrisi", "nutrition packages"),
]

TOPICS = [
    ("pendataan terpadu", "integrated social data"),
    ("perlindungan anak", "child protection"),
    ("penanggulangan bencana", "disaster management"),
    ("layanan disabilitas", "disability services"),
    ("pemberdayaan ekonomi", "economic empowerment"),
    ("perlindungan lanjut usia", "protection of older people"),
    ("penguatan kelembagaan", "institutional capacity"),
    ("pengentasan kemiskinan", "poverty reduction"),
]

ROLES = [
    ("Menteri Sosial", "Minister of Social Affairs"),
    ("Wakil Menteri Sosial", "Deputy Minister of Social Affairs"),
    ("Sekretaris Jenderal Kementerian Sosial", "Secretary General of the Ministry of Social Affairs"),
    ("Direktur Jenderal", "Director General"),
    ("Kepala Dinas Sosial {city}", "Head of the {city} Social Affairs Office"),
    ("Wali Kota {city}", "Mayor of {city}"),
    ("Staf Ahli Menteri Bidang Dampak Sosial", "the Minister's Adviser on Social Impact"),
    ("Direktur Rehabilitasi Sosial Anak", "Director of Child Social Rehabilitation"),
    ("Kepala Biro Perencanaan", "Head of the Planning Bureau"),
]

FIRST_NAMES = [
    "Agus", "Budi", "Dewi", "Sri", "Rina", "Hendra", "Yuni", "Bambang", "Wahyu", "Siti", "Eko", "Nur",
    "Andi", "Fitri", "Rudi", "Lestari", "Joko", "Ratna", "Dedi", "Indah", "Teguh", "Maya", "Arif", "Putri",
    "Yohanes", "Made", "Ketut", "Ahmad", "Fransiska", "Rahmat",
]
LAST_NAMES = [
    "Santoso", "Wibowo", "Hidayat", "Saputra", "Kurniawan", "Rahayu", "Nugroho", "Pratama", "Siregar",
    "Simanjuntak", "Harahap", "Wijaya", "Gunawan", "Setiawan", "Susanti", "Maharani", "Permana", "Nasution",
    "Lubis", "Hutapea", "Situmorang", "Sitompul", "Mandagi", "Pattiasina", "Suryadi", "Halim",
]

WEEKDAYS_ID = ["Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu"]
WEEKDAYS_EN = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
MONTHS_ID = ["Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September",
             "Oktober", "November", "Desember"]
MONTHS_EN = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
             "October", "November", "December"]

EXTERNAL = [
    ("https://kemensos.go.id/", "laman Kementerian Sosial", "the Ministry of Social Affairs website"),
    ("https://www.bps.go.id/", "Badan Pusat Statistik", "Statistics Indonesia"),
    ("https://jdih.kemensos.go.id/", "basis data hukum Kemensos", "the ministry's legal database"),
    ("https://bnpb.go.id/", "Badan Nasional Penanggulangan Bencana", "the National Disaster Management Agency"),
    ("https://www.kemenkopmk.go.id/", "Kemenko PMK", "the Coordinating Ministry for Human Development"),
    ("https://cekbansos.kemensos.go.id/", "layanan Cek Bansos", "the Cek Bansos service"),
]

# Sentences. Slots: {city} {province} {dir} {prog} {group} {activity} {aid}
# {topic} {num} {num2} {pct} {official} {day} {year} {quote} {event}
SENTENCES = [
    ("{dir} menyelenggarakan {activity} bagi {num} {group} di {city}.",
     "{dir} held a {activity} for {num} {group} in {city}."),
    ("Kegiatan ini merupakan bagian dari {prog} yang dijalankan sejak {year}.",
     "The activity is part of {prog}, which has been running since {year}."),
    ("Sebanyak {num} {group} di {province} tercatat sebagai sasaran tahun ini.",
     "This year {num} {group} in {province} are listed as targets."),
    ("Menurut {official}, pendampingan yang konsisten menjadi kunci keberhasilan {prog}.",
     "According to {official}, consistent assistance is the key to the success of {prog}."),
    ("Pemerintah daerah diminta memperbarui data {group} secara berkala agar bantuan tepat sasaran.",
     "Local governments were asked to update their data on {group} regularly so that aid reaches the right people."),
    ("Realisasi penyaluran {aid} hingga pekan ini telah mencapai {pct} persen.",
     "Distribution of {aid} had reached {pct} percent by this week."),
    ("Selain {aid}, peserta juga memperoleh pendampingan dari pekerja sosial setempat.",
     "Besides {aid}, participants also received assistance from local social workers."),
    ("{official} menegaskan bahwa negara hadir untuk {group} di seluruh pelosok negeri.",
     "{official} stressed that the state is present for {group} in every corner of the country."),
    ("Acara yang berlangsung di {city} itu dihadiri {num2} peserta dari unsur pemerintah dan masyarakat.",
     "The event in {city} was attended by {num2} participants from government and civil society."),
    ("Kemensos juga menggandeng perguruan tinggi dan dunia usaha untuk memperluas jangkauan {prog}.",
     "The ministry is also working with universities and businesses to widen the reach of {prog}."),
    ("Evaluasi menunjukkan bahwa {pct} persen {group} merasakan manfaat langsung dari program ini.",
     "An evaluation showed that {pct} percent of {group} felt a direct benefit from the program."),
    ("Data penerima diverifikasi ulang bersama dinas sosial {city} sebelum bantuan disalurkan.",
     "The list of recipients was checked again with the {city} social affairs office before the aid was handed out."),
    ("Anggaran untuk kegiatan ini bersumber dari APBN tahun {year}.",
     "The activity is funded from the {year} state budget."),
    ("Dalam kesempatan tersebut, {official} menyerahkan {aid} secara simbolis kepada perwakilan {group}.",
     "On that occasion {official} symbolically handed {aid} to representatives of {group}."),
    ("Peserta mempelajari {topic}, penyusunan rencana kerja, dan pelaporan kegiatan.",
     "Participants studied {topic}, work planning and activity reporting."),
    ("\"{quote},\" ujar {official}.",
     "\"{quote},\" said {official}."),
    ("\"{quote},\" kata {official} di {city}, {day}.",
     "\"{quote},\" {official} said in {city} on {day}."),
    ("Ke depan, {dir} menargetkan {num} {group} lagi dapat dijangkau pada {year}.",
     "Looking ahead, {dir} aims to reach another {num} {group} in {year}."),
    ("Kolaborasi lintas sektor dinilai penting karena persoalan {topic} tidak dapat diselesaikan satu lembaga saja.",
     "Cross-sector work is seen as vital because {topic} cannot be handled by a single institution."),
    ("Pemerintah Provinsi {province} menyatakan siap mendukung pelaksanaan {prog} di wilayahnya.",
     "The {province} provincial government said it stands ready to support {prog} in its territory."),
    ("Hasil {activity} akan menjadi bahan penyusunan kebijakan {topic} tahun berikutnya.",
     "The results of the {activity} will feed into next year's policy on {topic}."),
    ("Warga yang belum terdaftar dapat mengajukan diri melalui kantor desa atau kelurahan masing-masing.",
     "Residents who are not yet registered can apply through their village or ward office."),
    ("Pendamping {prog} di {city} kini berjumlah {num2} orang dan bertugas di setiap kecamatan.",
     "{prog} in {city} now has {num2} assistants, working in every district."),
    ("Kementerian Sosial memastikan seluruh proses penyaluran diawasi agar transparan dan akuntabel.",
     "The Ministry of Social Affairs makes sure the whole distribution process is supervised so that it is transparent and accountable."),
    ("Para peserta berasal dari {num2} kabupaten dan kota di {province}.",
     "The participants came from {num2} regencies and cities in {province}."),
    ("Kegiatan ditutup dengan penandatanganan komitmen bersama tentang {topic}.",
     "The activity closed with the signing of a joint commitment on {topic}."),
    ("{event} menjadi ajang berbagi praktik baik antardaerah.",
     "{event} became a forum for regions to share good practice."),
    ("Masyarakat diimbau melapor apabila menemukan penyaluran {aid} yang tidak sesuai ketentuan.",
     "The public is urged to report any distribution of {aid} that does not follow the rules."),
]

QUOTES = [
    ("Kami ingin memastikan setiap bantuan sampai kepada yang berhak",
     "We want to make sure every form of aid reaches those entitled to it"),
    ("Pekerja sosial adalah ujung tombak pelayanan kita di lapangan",
     "Social workers are the spearhead of our service in the field"),
    ("Tidak boleh ada warga yang tertinggal dari perlindungan sosial",
     "No resident may be left out of social protection"),
    ("Data yang akurat adalah dasar dari kebijakan yang adil",
     "Accurate data is the basis of fair policy"),
    ("Kemandirian penerima manfaat adalah tujuan akhir program ini",
     "The independence of beneficiaries is the final aim of this program"),
    ("Kami membuka pintu seluas-luasnya bagi kolaborasi dengan daerah",
     "Our door is wide open for cooperation with the regions"),
    ("Bantuan sosial harus mendorong keluarga untuk bangkit, bukan bergantung",
     "Social assistance must help families get back on their feet, not make them dependent"),
    ("Kesiapsiagaan bencana dimulai dari keluarga dan lingkungan terdekat",
     "Disaster preparedness starts with the family and the neighbourhood"),
]

HEADINGS = [
    ("Latar Belakang", "Background"),
    ("Arahan Menteri", "The Minister's Directions"),
    ("Sasaran Program", "Program Targets"),
    ("Langkah Selanjutnya", "Next Steps"),
    ("Capaian Sementara", "Results So Far"),
    ("Peran Pemerintah Daerah", "The Role of Local Government"),
    ("Kemitraan", "Partnerships"),
    ("Pendampingan di Lapangan", "Assistance in the Field"),
    ("Data dan Sasaran", "Data and Targets"),
    ("Materi Kegiatan", "What the Activity Covered"),
    ("Tantangan", "Challenges"),
    ("Suara Penerima Manfaat", "Beneficiaries Speak"),
    ("Pengawasan", "Oversight"),
    ("Rencana Tahun Depan", "Plans for Next Year"),
]

BULLETS = [
    ("pendataan ulang {group} di {city};", "a new count of {group} in {city};"),
    ("penyaluran {aid} secara bertahap;", "staged distribution of {aid};"),
    ("penguatan kapasitas pendamping {prog};", "training for {prog} assistants;"),
    ("koordinasi dengan dinas sosial {province};", "coordination with the {province} social affairs office;"),
    ("penyusunan standar layanan {topic};", "service standards for {topic};"),
    ("pemantauan penggunaan {aid};", "monitoring of the use of {aid};"),
    ("kerja sama dengan lembaga kesejahteraan sosial setempat;", "cooperation with local social welfare institutions;"),
    ("sosialisasi kepada {group} tentang hak dan kewajibannya;",
     "information for {group} on their rights and duties;"),
    ("pelaporan hasil kegiatan setiap triwulan;", "quarterly reporting of results;"),
    ("pembukaan layanan pengaduan di {city};", "a complaints desk in {city};"),
]

STEPS = [
    ("Warga mendaftar melalui kantor desa atau kelurahan.", "Residents register at their village or ward office."),
    ("Dinas sosial memverifikasi data calon penerima.", "The social affairs office checks the applicants' data."),
    ("Pendamping melakukan kunjungan rumah.", "An assistant visits the applicant's home."),
    ("Data yang lolos verifikasi diusulkan ke Kementerian Sosial.",
     "Verified data is proposed to the Ministry of Social Affairs."),
    ("Kementerian menetapkan daftar penerima {prog}.", "The ministry sets the list of {prog} recipients."),
    ("Bantuan disalurkan melalui bank atau kantor pos.", "The aid is paid through banks or the post office."),
    ("Pendamping memantau pemanfaatan bantuan.", "Assistants monitor how the aid is used."),
    ("Hasil pemantauan dilaporkan kepada {dir}.", "The monitoring results are reported to {dir}."),
]

TITLES = [
    ("{dir_short} Gelar {activity} {prog_short} di {city}",
     "{dir_short} Holds {activity} on {prog_short} in {city}"),
    ("Mensos Dorong Penguatan {prog_short} di {city}",
     "Minister Urges Stronger {prog_short} in {city}"),
    ("{num} {group} di {city} Terima {aid}",
     "{num} {group} in {city} Receive {aid}"),
    ("Kemensos Perkuat Pendampingan {group} melalui {prog_short}",
     "Ministry Strengthens Support for {group} through {prog_short}"),
    ("{prog_short} Jangkau {num} Keluarga di {province}",
     "{prog_short} Reaches {num} Families in {province}"),
    ("Kemensos dan Pemerintah {city} Sepakati Kerja Sama {topic}",
     "Ministry and {city} Government Agree to Cooperate on {topic}"),
    ("Evaluasi {prog_short} {year}: {dir_short} Catat Kemajuan di {city}",
     "{prog_short} Review {year}: {dir_short} Sees Progress in {city}"),
    ("{dir_short} Salurkan {aid} bagi {group} di {city}",
     "{dir_short} Delivers {aid} to {group} in {city}"),
    ("Pendamping {prog_short} {province} Ikuti {activity}",
     "{prog_short} Assistants in {province} Attend {activity}"),
]

ID_SMALL = {"di", "dan", "ke", "dari", "untuk", "melalui", "bagi", "yang", "pada", "dengan", "atau"}
EN_SMALL = {"of", "in", "and", "for", "on", "the", "to", "through", "with", "a", "an", "or", "at"}


def title_case(text: str, lang: str) -> str:
    small = ID_SMALL if lang == "id" else EN_SMALL
    words = text.split(" ")
    out = []
    for i, w in enumerate(words):
        if w and w[0].islower() and (i == 0 or w not in small):
            w = w[0].upper() + w[1:]
        out.append(w)
    return " ".join(out)


def slugify(text: str, max_words: int = 8) -> str:
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    words = re.findall(r"[a-z0-9]+", text.lower())
    return "-".join(words[:max_words])


def fmt_num(n: int, lang: str) -> str:
    s = f"{n:,}"
    return s.replace(",", ".") if lang == "id" else s


def person(rng: random.Random) -> str:
    return f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}"


def working_days(start: dt.date):
    d = start
    while True:
        if d.weekday() < 5:
            yield d
        d += dt.timedelta(days=1)


def yaml_str(s: str) -> str:
    """A YAML scalar: plain when safe, else double-quoted (JSON escaping is valid YAML)."""
    if re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9 .,()'/-]*", s) and not s.endswith(" "):
        return s
    return json.dumps(s, ensure_ascii=False)


def yaml_list(items) -> str:
    return "[" + ", ".join(yaml_str(x) for x in items) + "]"


# --------------------------------------------------------------------------
# The site model, shared by both engines.
# --------------------------------------------------------------------------

class Link:
    """A link inside generated text, rendered per engine and language."""

    def __init__(self, kind: str, key, text: tuple[str, str]):
        self.kind = kind  # news | directorate | program | event | external
        self.key = key  # story index, term key, or URL
        self.text = text


class Site:
    def __init__(self, n: int):
        self.n = n
        self.rng = random.Random(SEED)
        rng = self.rng
        self.directorates = {d[0]: d for d in DIRECTORATES}
        self.programs = {p[0]: p for p in PROGRAMS}
        self.tags = {t[0]: t for t in TAGS}
        self.writers = [person(rng) for _ in range(14)]
        self.editors = [person(rng) for _ in range(6)]
        self.translators = [person(rng) for _ in range(5)]
        self._dates()
        self._events()
        self._stories()

    # Dates, one per story, in order.
    def _dates(self):
        total_days = sum(1 for d in _range_days(START, END) if d.weekday() < 5)
        per_day = max(1, -(-self.n // total_days))
        days = working_days(START)
        self.dates = []
        day = next(days)
        for i in range(self.n):
            if i and i % per_day == 0:
                day = next(days)
            self.dates.append(day)

    def _events(self):
        rng = self.rng
        count = max(1, self.n // 8)
        self.events = []
        seen = set()
        for e in range(count):
            first = min(e * 8, self.n - 1)
            date = self.dates[first]
            city, province = rng.choice(CITIES)
            prog = rng.choice(PROGRAMS)
            directorate = prog[1]
            act = rng.choice(ACTIVITIES)
            key = f"{act[2]}-{slugify(prog[4])}-{slugify(city)}-{date.year}"
            base, k = key, 2
            while key in seen:
                key = f"{base}-{k}"
                k += 1
            seen.add(key)
            programs = [prog[0]] + ([rng.choice(PROGRAMS)[0]] if rng.random() < 0.3 else [])
            programs = list(dict.fromkeys(programs))
            self.events.append({
                "key": key, "date": date, "city": city, "province": province,
                "directorate": directorate, "programs": programs, "activity": act,
                "title": (
                    title_case(f"{act[0]} {prog[4]} {date.year} di {city}", "id"),
                    title_case(f"{prog[4]} {act[1]} {date.year} in {city}", "en"),
                ),
            })

    def _stories(self):
        rng = self.rng
        self.stories = []
        slugs = set()
        for i in range(self.n):
            ev = None
            e = i // 8
            if e < len(self.events) and rng.random() < 0.85:
                ev = self.events[e]
            if ev:
                directorate = ev["directorate"]
                city, province = ev["city"], ev["province"]
                programs = list(ev["programs"])
                activity = ev["activity"]
            else:
                directorate = rng.choice(DIRECTORATES)[0]
                city, province = rng.choice(CITIES)
                own = [p[0] for p in PROGRAMS if p[1] == directorate]
                programs = [rng.choice(own or [p[0] for p in PROGRAMS])]
                activity = rng.choice(ACTIVITIES)
            want = rng.randint(1, 3)
            while len(programs) < want:
                p = rng.choice(PROGRAMS)[0]
                if p not in programs:
                    programs.append(p)
            programs = programs[:3]
            tags = rng.sample([t[0] for t in TAGS], rng.randint(1, 4))
            slots = self._title_slots(rng, directorate, programs[0], city, province, activity)
            tpl = rng.choice(TITLES)
            title = tuple(title_case(tpl[j].format(**{k: v[j] for k, v in slots.items()}), LANGS[j])
                          for j in range(2))
            slug = slugify(title[0])
            base, k = slug, 2
            while slug in slugs:
                slug = f"{base}-{k}"
                k += 1
            slugs.add(slug)
            date = self.dates[i]
            self.stories.append({
                "i": i, "date": date, "slug": slug, "name": f"{date.isoformat()}-{slug}",
                "title": title, "directorate": directorate, "event": ev["key"] if ev else None,
                "event_title": ev["title"] if ev else None,
                "city": city, "province": province, "programs": programs, "tags": tags,
                "activity": activity, "has_en": rng.random() < TRANSLATED_SHARE,
                "writer": rng.choice(self.writers),
                "editor": rng.sample(self.editors, rng.randint(1, 2)),
                "translator": rng.choice(self.translators),
            })
        self.translated = [s["i"] for s in self.stories if s["has_en"]]

    def _title_slots(self, rng, directorate, prog, city, province, activity):
        d = self.directorates[directorate]
        g = rng.choice(GROUPS)
        a = rng.choice(AID)
        t = rng.choice(TOPICS)
        num = rng.choice([25, 40, 50, 75, 100, 120, 150, 200, 250, 300, 500, 750, 1000, 1200, 1500, 2500])
        return {
            "dir_short": (d[3], d[3].replace("Ditjen", "DG").replace("Setjen Kemensos", "Ministry Secretariat")),
            "prog_short": (self.programs[prog][4],) * 2,
            "city": (city, city), "province": (province, province),
            "group": g, "aid": a, "topic": t, "activity": activity[:2],
            "num": (fmt_num(num, "id"), fmt_num(num, "en")),
            "year": (str(self.dates[0].year + rng.randint(0, 3)),) * 2,
        }

    # ---------------------------------------------------------------------
    # Bodies: a list of blocks, each rendered per language and engine.
    # ---------------------------------------------------------------------

    def story_body(self, s):
        """Returns a list of blocks. A block is (kind, payload)."""
        rng = random.Random(SEED * 31 + s["i"])
        d = self.directorates[s["directorate"]]
        prog = self.programs[s["programs"][0]]
        linked = set()

        def dir_text():
            key = ("directorate", d[0])
            if key not in linked:
                linked.add(key)
                return Link("directorate", d[0], (d[1], d[2]))
            return (d[3], d[4])

        def prog_text(p=None):
            p = p or self.programs[rng.choice(s["programs"])]
            key = ("program", p[0])
            if key not in linked and rng.random() < 0.8:
                linked.add(key)
                return Link("program", p[0], (f"{p[2]} ({p[4]})", f"{p[3]} ({p[4]})"))
            return (p[4], p[4])

        def event_text():
            if s["event"] and ("event", s["event"]) not in linked:
                linked.add(("event", s["event"]))
                return Link("event", s["event"], s["event_title"])
            if s["event"]:
                return s["event_title"]
            act = s["activity"]
            return (f"Kegiatan {act[0]} ini", f"This {act[1]}")

        def official():
            role = rng.choice(ROLES)
            name = person(rng)
            r_id = role[0].format(city=s["city"])
            r_en = role[1].format(city=s["city"])
            if role[0] == "Direktur Jenderal":
                r_id = f"Direktur Jenderal {d[1].replace('Direktorat Jenderal ', '')}"
                r_en = f"Director General of {d[2].replace('Directorate General of ', '').replace('Directorate General for ', '')}"
            return (f"{r_id} {name}", f"{r_en} {name}")

        weekday = s["date"].weekday()
        date = s["date"]
        day = (f"{WEEKDAYS_ID[weekday]} ({date.day}/{date.month}/{date.year})",
               f"{WEEKDAYS_EN[weekday]} {date.day} {MONTHS_EN[date.month - 1]} {date.year}")

        makers = {
            "city": lambda: (s["city"],) * 2,
            "province": lambda: (s["province"],) * 2,
            "dir": dir_text,
            "prog": prog_text,
            "group": lambda: rng.choice(GROUPS),
            "activity": lambda: s["activity"][:2],
            "aid": lambda: rng.choice(AID),
            "topic": lambda: rng.choice(TOPICS),
            "num": lambda: _num_pair(rng.choice([30, 45, 60, 80, 120, 150, 250, 400, 600, 850, 1200, 2400, 3500,
                                                 12000])),
            "num2": lambda: _num_pair(rng.randint(12, 240)),
            "pct": lambda: _pct_pair(rng.randint(55, 98), rng.randint(1, 9)),
            "official": official,
            "day": lambda: day,
            "year": lambda: (str(date.year + rng.randint(0, 1)),) * 2,
            "quote": lambda: rng.choice(QUOTES),
            "event": event_text,
        }

        def slots(tpl):
            # Only the slots the template uses, so that "link the first
            # mention" really links the first visible mention.
            return {name: makers[name]() for name in _fields(tpl[0])}

        def sentence(tpl=None):
            tpl = tpl or rng.choice(SENTENCES)
            return (tpl, slots(tpl))

        def items(templates):
            return [(t, slots(t)) for t in templates]

        def paragraph(k=None):
            return ("p", [sentence(t) for t in rng.sample(SENTENCES, k or rng.randint(3, 5))])

        blocks = []
        # The lead: place and day, then the news.
        lead = ("{dir} Kementerian Sosial menyelenggarakan {activity} di {city}, {day}, dalam rangka {prog}.",
                "The {dir} of the Ministry of Social Affairs held a {activity} in {city} on {day} as part of {prog}.")
        blocks.append(("p", [(lead, slots(lead))] + [sentence(t) for t in rng.sample(SENTENCES, rng.randint(2, 3))]))
        blocks.append(paragraph())
        target = rng.randint(400, 900)
        headings = rng.sample(HEADINGS, len(HEADINGS))
        table_done = rng.random() >= 0.3  # 30% of stories get a table
        story_links = rng.randint(1, 3)
        externals = rng.randint(0, 2)
        h = 0
        words = self._words(blocks)
        while words < target and h < len(headings):
            start = len(blocks)
            blocks.append(("h2", headings[h]))
            h += 1
            r = rng.random()
            if r < 0.25:
                blocks.append(paragraph(2))
                blocks.append(("ul", items(rng.sample(BULLETS, rng.randint(3, 6)))))
            elif r < 0.4:
                blocks.append(paragraph(2))
                steps = sorted(rng.sample(range(len(STEPS)), rng.randint(3, 6)))
                blocks.append(("ol", items([STEPS[k] for k in steps])))
            elif not table_done:
                table_done = True
                blocks.append(paragraph(2))
                blocks.append(("table", self._table(rng)))
            else:
                blocks.append(paragraph())
            if story_links and rng.random() < 0.6:
                blocks.append(("related", self._related(rng, s)))
                story_links -= 1
            words += self._words(blocks[start:])
        while story_links:
            blocks.append(("related", self._related(rng, s)))
            story_links -= 1
        for _ in range(externals):
            url, t_id, t_en = rng.choice(EXTERNAL)
            blocks.append(("p", [((
                "Informasi lebih lanjut tersedia di {link}.", "More information is available on {link}."),
                {"link": Link("external", url, (t_id, t_en))})]))
        # Keep within 900 words (the count below is a little low for lists
        # and tables): drop the last sentences of the last long paragraphs.
        while self._words(blocks) > 860:
            for b in reversed(blocks):
                if b[0] == "p" and len(b[1]) > 2:
                    b[1].pop()
                    break
            else:
                break
        return blocks

    def _related(self, rng, s):
        # A story with an English version links only to stories that have
        # one too, so that both language versions link the same story.
        pool = self.translated if s["has_en"] else range(self.n)
        if len(pool) < 2:
            return None
        j = s["i"]
        while j == s["i"]:
            j = rng.choice(pool)
        t = self.stories[j]
        return Link("news", j, t["title"])

    def _table(self, rng):
        cities = rng.sample(CITIES, rng.randint(3, 5))
        rows = []
        for city, province in cities:
            n = rng.randint(80, 5000)
            budget = rng.randint(150, 9000)
            rows.append(((city, city), (fmt_num(n, "id"), fmt_num(n, "en")),
                         (fmt_num(budget, "id"), fmt_num(budget, "en"))))
        head = (("Kota", "City"), ("Penerima manfaat", "Beneficiaries"), ("Anggaran (Rp juta)", "Budget (IDR million)"))
        return head, rows

    @staticmethod
    def _words(blocks) -> int:
        """Words of the Indonesian text, as a reader counts them."""
        total = 0
        for kind, payload in blocks:
            if kind in ("p", "ul", "ol"):
                for tpl, slots in payload:
                    text = tpl[0].format(**{k: (v.text[0] if isinstance(v, Link) else v[0])
                                            for k, v in slots.items()})
                    total += len(text.split())
            elif kind == "h2":
                total += len(payload[0].split())
            elif kind == "table":
                total += sum(len(c[0].split()) for row in [payload[0]] + payload[1] for c in row)
            elif kind == "related" and payload is not None:
                total += 2 + len(payload.text[0].split())
        return total

    def term_body(self, kind: str, key: str):
        rng = random.Random(f"{SEED}-{kind}-{key}")
        blocks = []
        if kind == "directorate":
            d = self.directorates[key]
            blocks.append(("p", [((
                "{name} adalah unit kerja Kementerian Sosial yang membidangi {topic} dan {topic2}.",
                "The {name} is the unit of the Ministry of Social Affairs responsible for {topic} and {topic2}."),
                {"name": (d[1], d[2]), "topic": rng.choice(TOPICS), "topic2": rng.choice(TOPICS)})]))
            progs = [p for p in PROGRAMS if p[1] == key]
            if progs:
                blocks.append(("p", [(("Program yang dijalankan:", "Its programs:"), {})]))
                blocks.append(("ul", [(("{p};", "{p};"), {"p": Link("program", p[0], (p[2], p[3]))}) for p in progs]))
            blocks.append(("p", [((
                "Direktorat jenderal ini bekerja bersama dinas sosial di {n} provinsi dan lembaga kesejahteraan sosial di seluruh Indonesia.",
                "The directorate general works with social affairs offices in {n} provinces and social welfare institutions across Indonesia."),
                {"n": ("38", "38")})]))
        elif kind == "program":
            p = self.programs[key]
            d = self.directorates[p[1]]
            blocks.append(("p", [((
                "{name} ({short}) dijalankan oleh {dir} untuk menjangkau {group} dan {group2}.",
                "{name} ({short}) is run by the {dir} to reach {group} and {group2}."),
                {"name": (p[2], p[3]), "short": (p[4], p[4]), "dir": Link("directorate", d[0], (d[1], d[2])),
                 "group": rng.choice(GROUPS), "group2": rng.choice(GROUPS)})]))
            blocks.append(("p", [((
                "Layanannya mencakup {aid}, pendampingan sosial, dan penguatan {topic}.",
                "Its services include {aid}, social assistance and work on {topic}."),
                {"aid": rng.choice(AID), "topic": rng.choice(TOPICS)})]))
        else:
            ev = self.event_by_key[key]
            d = self.directorates[ev["directorate"]]
            act = ev["activity"]
            blocks.append(("p", [((
                "{title} diselenggarakan {dir} di {city} sebagai {activity} bagi {group}.",
                "{title} was organised by the {dir} in {city} as a {activity} for {group}."),
                {"title": ev["title"], "dir": Link("directorate", d[0], (d[1], d[2])), "city": (ev["city"],) * 2,
                 "activity": act[:2], "group": rng.choice(GROUPS)})]))
            blocks.append(("p", [((
                "Kegiatan ini bagian dari {prog}.", "The activity is part of {prog}."),
                {"prog": Link("program", ev["programs"][0], self.programs[ev["programs"][0]][2:4])})]))
        return blocks

    @property
    def event_by_key(self):
        if not hasattr(self, "_event_by_key"):
            self._event_by_key = {e["key"]: e for e in self.events}
        return self._event_by_key


def _fields(template: str):
    return [f for _, f, _, _ in string.Formatter().parse(template) if f]


def _num_pair(n: int):
    return (fmt_num(n, "id"), fmt_num(n, "en"))


def _pct_pair(whole: int, tenth: int):
    return (f"{whole},{tenth}", f"{whole}.{tenth}")


def _range_days(a: dt.date, b: dt.date):
    d = a
    while d <= b:
        yield d
        d += dt.timedelta(days=1)


# --------------------------------------------------------------------------
# Rendering per engine.
# --------------------------------------------------------------------------

class Renderer:
    def __init__(self, site: Site, engine: str):
        self.site = site
        self.engine = engine

    # The target of a link from a page in `section` written in `lang`.
    def href(self, link: Link, lang: str, section: str) -> str:
        if link.kind == "external":
            return link.key
        if link.kind == "news":
            name = self.site.stories[link.key]["name"]
            folder = "news"
        else:
            name = link.key
            folder = {"directorate": "directorates", "program": "programs", "event": "events"}[link.kind]
        if self.engine == "warta":
            rel = f"{name}.{lang}.md" if folder == section else f"../{folder}/{name}.{lang}.md"
            return rel
        # Hugo: a relref to the logical path; the page's own language is used.
        path = f"/{folder}/{name}" if link.kind == "news" else f"/{folder}/{name}"
        return '{{< relref "' + path + '" >}}'

    def text(self, value, lang: str, section: str) -> str:
        j = LANGS.index(lang)
        if isinstance(value, Link):
            return f"[{value.text[j]}]({self.href(value, lang, section)})"
        return value[j]

    def fill(self, tpl, slots, lang, section, capital=True):
        j = LANGS.index(lang)
        text = tpl[j].format(**{k: self.text(v, lang, section) for k, v in slots.items()})
        if not capital:
            return text
        k = 1 if text[:1] in "[\"" else 0
        return text[:k] + text[k:k + 1].upper() + text[k + 1:]

    def blocks(self, blocks, lang: str, section: str) -> str:
        out = []
        for kind, payload in blocks:
            if kind == "p":
                out.append(" ".join(self.fill(t, s, lang, section) for t, s in payload))
            elif kind == "h2":
                out.append("## " + payload[LANGS.index(lang)])
            elif kind == "ul":
                out.append("\n".join("- " + self.fill(t, s, lang, section, False) for t, s in payload))
            elif kind == "ol":
                out.append("\n".join(f"{n}. " + self.fill(t, s, lang, section)
                                     for n, (t, s) in enumerate(payload, 1)))
            elif kind == "table":
                j = LANGS.index(lang)
                head, rows = payload
                lines = ["| " + " | ".join(h[j] for h in head) + " |", "|---|---:|---:|"]
                lines += ["| " + " | ".join(c[j] for c in row) + " |" for row in rows]
                out.append("\n".join(lines))
            elif kind == "related":
                if payload is None:
                    continue
                lead = ("Baca juga:", "Read also:")[LANGS.index(lang)]
                out.append(f"{lead} {self.text(payload, lang, section)}.")
        return "\n\n".join(out) + "\n"

    @staticmethod
    def front(pairs) -> str:
        lines = ["---"]
        for k, v in pairs:
            if v is None or v == []:
                continue
            if isinstance(v, list):
                lines.append(f"{k}: {yaml_list(v)}")
            elif isinstance(v, bool):
                lines.append(f"{k}: {'true' if v else 'false'}")
            else:
                lines.append(f"{k}: {yaml_str(str(v))}")
        lines.append("---")
        return "\n".join(lines) + "\n\n"


def summary_of(site: Site, s, lang: str) -> str:
    d = site.directorates[s["directorate"]]
    if lang == "id":
        return f"{d[3]} menggelar {s['activity'][0]} di {s['city']} dalam rangka {site.programs[s['programs'][0]][4]}."
    return f"{d[3].replace('Ditjen', 'DG')} held a {s['activity'][1]} in {s['city']} as part of {site.programs[s['programs'][0]][4]}."


def write(path: str, text: str):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write(text)


def langs_of(s):
    return LANGS if s["has_en"] else LANGS[:1]


# ----------------------------- warta --------------------------------------

def build_warta(site: Site, out: str):
    r = Renderer(site, "warta")
    write(os.path.join(out, "site.yaml"), (
        "# Generated by bench/generate.py: a benchmark corpus, not a real site.\n"
        "title: Warta Bench\n"
        "base_url: https://bench.example.org/\n"
        "default_language: id\n"
        "languages: [id, en]\n"
        "paginate: 20\n"
        "untranslated: list\n"))
    for lang in LANGS:
        j = LANGS.index(lang)
        ftl = [f"# Tag names for the benchmark site ({lang})", f"site-title = {('Warta Bench', 'Warta Bench')[j]}"]
        ftl += [f"tag-{t[0]} = {t[1 + j]}" for t in TAGS]
        write(os.path.join(out, "locales", lang, "site.ftl"), "\n".join(ftl) + "\n")
    c = os.path.join(out, "content")
    for d in DIRECTORATES:
        body = site.term_body("directorate", d[0])
        for j, lang in enumerate(LANGS):
            fm = r.front([("title", d[1 + j]), ("summary", (d[1], d[2])[j] + (
                " Kementerian Sosial." if lang == "id" else ", Ministry of Social Affairs."))])
            write(os.path.join(c, "directorates", f"{d[0]}.{lang}.md"), fm + r.blocks(body, lang, "directorates"))
    for p in PROGRAMS:
        body = site.term_body("program", p[0])
        for j, lang in enumerate(LANGS):
            # A term page takes only what it shows: no directorate.
            fm = r.front([("title", f"{p[2 + j]} ({p[4]})")])
            write(os.path.join(c, "programs", f"{p[0]}.{lang}.md"), fm + r.blocks(body, lang, "programs"))
    for ev in site.events:
        body = site.term_body("event", ev["key"])
        for j, lang in enumerate(LANGS):
            fm = r.front([("title", ev["title"][j]), ("date", ev["date"].isoformat()), ("place", ev["city"])])
            write(os.path.join(c, "events", f"{ev['key']}.{lang}.md"), fm + r.blocks(body, lang, "events"))
    for s in site.stories:
        body = site.story_body(s)
        for lang in langs_of(s):
            j = LANGS.index(lang)
            fm = r.front([
                ("title", s["title"][j]), ("date", s["date"].isoformat()), ("place", s["city"]),
                ("directorate", s["directorate"]), ("event", s["event"]), ("programs", s["programs"]),
                ("tags", s["tags"]), ("writer", s["writer"]), ("editor", s["editor"]),
                ("translator", s["translator"] if lang == "en" else None),
                ("summary", summary_of(site, s, lang)),
            ])
            write(os.path.join(c, "news", f"{s['name']}.{lang}.md"), fm + r.blocks(body, lang, "news"))


# ----------------------------- hugo ---------------------------------------

HUGO_CONFIG = """\
# Generated by bench/generate.py: the benchmark corpus as a Hugo site.
baseURL = "https://bench.example.org/"
title = "Warta Bench"
defaultContentLanguage = "id"
defaultContentLanguageInSubdir = true
enableRobotsTXT = true
disableHugoGeneratorInject = true

[pagination]
  pagerSize = 20

[services.rss]
  limit = 20

[taxonomies]
  directorate = "directorates"
  event = "events"
  program = "programs"
  tag = "tags"

# Roughly the files warta writes: HTML everywhere, a feed per language
# (home) and per directorate (set in the directorates' _index files).
[outputs]
  home = ["html", "rss"]
  section = ["html"]
  taxonomy = ["html"]
  term = ["html"]

# `label` and `locale` replaced languageName/languageCode in Hugo 0.158;
# the templates take language names from i18n, so older Hugo works too.
[languages.id]
  label = "Bahasa Indonesia"
  locale = "id-ID"
  weight = 1
[languages.en]
  label = "English"
  locale = "en-GB"
  weight = 2

[markup.goldmark.extensions]
  table = true
  strikethrough = true
  typographer = true
"""

HUGO_I18N = {
    "id": {
        "news": "Berita", "directorates": "Direktorat", "programs": "Program", "events": "Kegiatan",
        "tags": "Topik", "writer": "Penulis", "editor": "Editor", "translator": "Penerjemah",
        "untranslated": "belum diterjemahkan", "latest": "Berita terbaru", "all": "Semua berita",
        "count": "{{ .Count }} berita", "prev": "Sebelumnya", "next": "Berikutnya",
        "page": "Halaman {{ .Current }} dari {{ .Total }}", "empty": "Belum ada berita.",
        "term_news": "Berita terkait", "skip": "Langsung ke isi", "intro": "Berita Kementerian Sosial.",
        "lang_name": "Bahasa Indonesia", "other_lang": "en", "other_lang_name": "English",
    },
    "en": {
        "news": "News", "directorates": "Directorates", "programs": "Programs", "events": "Events",
        "tags": "Topics", "writer": "Writer", "editor": "Editor", "translator": "Translator",
        "untranslated": "not translated yet", "latest": "Latest news", "all": "All news",
        "count": "{{ .Count }} news items", "prev": "Previous", "next": "Next",
        "page": "Page {{ .Current }} of {{ .Total }}", "empty": "No news yet.",
        "term_news": "Related news", "skip": "Skip to content", "intro": "News of the Ministry of Social Affairs.",
        "lang_name": "English", "other_lang": "id", "other_lang_name": "Bahasa Indonesia",
    },
}

HUGO_LAYOUTS = {
    "_default/baseof.html": """\
<!DOCTYPE html>
<html lang="{{ .Language.Lang }}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ if .IsHome }}{{ site.Title }}{{ else }}{{ .Title }} | {{ site.Title }}{{ end }}</title>
{{- with .Description | default .Summary | plainify }}
<meta name="description" content="{{ . | truncate 160 }}">
{{- end }}
<link rel="canonical" href="{{ .Permalink }}">
{{- range .AllTranslations }}
<link rel="alternate" hreflang="{{ .Language.Lang }}" href="{{ .Permalink }}">
{{- end }}
{{- range .AlternativeOutputFormats }}
<link rel="{{ .Rel }}" type="{{ .MediaType.Type }}" href="{{ .Permalink }}">
{{- end }}
<meta property="og:type" content="{{ if .IsPage }}article{{ else }}website{{ end }}">
<meta property="og:title" content="{{ .Title }}">
<meta property="og:site_name" content="{{ site.Title }}">
<meta property="og:url" content="{{ .Permalink }}">
{{- if .IsPage }}
<meta property="article:published_time" content="{{ .Date.Format "2006-01-02" }}">
{{- end }}
<link rel="stylesheet" href="/bench.css">
</head>
<body>
<a class="skip-link" href="#main">{{ i18n "skip" }}</a>
<header class="site-header">
<a class="site-title" href="{{ site.Home.RelPermalink }}">{{ site.Title }}</a>
<nav><ul>
<li><a href="{{ relLangURL "news/" }}">{{ i18n "news" }}</a></li>
<li><a href="{{ relLangURL "programs/" }}">{{ i18n "programs" }}</a></li>
<li><a href="{{ relLangURL "directorates/" }}">{{ i18n "directorates" }}</a></li>
<li><a href="{{ relLangURL "events/" }}">{{ i18n "events" }}</a></li>
<li><a href="{{ relLangURL "tags/" }}">{{ i18n "tags" }}</a></li>
</ul></nav>
{{ partial "switcher.html" . }}
</header>
<main id="main">
{{ block "main" . }}{{ end }}
</main>
<footer><p>{{ site.Title }}</p></footer>
</body>
</html>
""",
    "partials/switcher.html": """\
{{- $page := . }}
{{- $other := i18n "other_lang" }}
<nav class="language-switcher"><ul>
<li><span class="current">{{ i18n "lang_name" }}</span></li>
{{- range .Translations }}
<li><a href="{{ .RelPermalink }}" hreflang="{{ .Language.Lang }}">{{ i18n "other_lang_name" }}</a></li>
{{- else }}
<li><a class="missing" href="/{{ $other }}/{{ with $page.Section }}{{ . }}/{{ end }}" hreflang="{{ $other }}">{{ i18n "other_lang_name" }} ({{ i18n "untranslated" }})</a></li>
{{- end }}
</ul></nav>
""",
    "partials/summary.html": """\
<article class="summary">
<h3><a href="{{ .RelPermalink }}">{{ .Title }}</a></h3>
<p class="meta">{{ with .Params.place }}<span class="place">{{ . }}</span>, {{ end }}<time datetime="{{ .Date.Format "2006-01-02" }}">{{ .Date | time.Format ":date_long" }}</time></p>
<p>{{ .Summary | plainify }}</p>
</article>
""",
    "partials/pagination.html": """\
{{- $p := .Paginator }}
{{- if gt $p.TotalPages 1 }}
<nav class="pagination"><ul>
{{- with $p.Prev }}<li><a rel="prev" href="{{ .URL }}">{{ i18n "prev" }}</a></li>{{ end }}
<li class="position">{{ i18n "page" (dict "Current" $p.PageNumber "Total" $p.TotalPages) }}</li>
{{- with $p.Next }}<li><a rel="next" href="{{ .URL }}">{{ i18n "next" }}</a></li>{{ end }}
</ul></nav>
{{- end }}
""",
    "partials/terms.html": """\
{{- $page := .page }}
{{- with $page.GetTerms .taxonomy }}
<div><dt>{{ i18n $.taxonomy }}</dt><dd><ul>
{{- range . }}<li><a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a></li>{{ end -}}
</ul></dd></div>
{{- end }}
""",
    "_default/single.html": """\
{{ define "main" }}
<article class="news-item" data-pagefind-body>
<header>
{{- with .GetTerms "directorates" }}{{ with index . 0 }}
<p class="eyebrow"><a href="{{ .RelPermalink }}" data-pagefind-meta="directorate">{{ .LinkTitle }}</a></p>
{{- end }}{{ end }}
<h1 data-pagefind-meta="title">{{ .Title }}</h1>
<p class="dateline">{{ with .Params.place }}<span class="place">{{ . }}</span>, {{ end }}<time datetime="{{ .Date.Format "2006-01-02" }}" data-pagefind-meta="date">{{ .Date | time.Format ":date_long" }}</time></p>
<dl class="byline" data-pagefind-ignore>
{{- with .Params.writer }}<div><dt>{{ i18n "writer" }}</dt><dd>{{ . }}</dd></div>{{ end }}
{{- with .Params.editor }}<div><dt>{{ i18n "editor" }}</dt><dd>{{ delimit . ", " }}</dd></div>{{ end }}
{{- with .Params.translator }}<div><dt>{{ i18n "translator" }}</dt><dd>{{ . }}</dd></div>{{ end }}
</dl>
</header>
<div class="prose">
{{ .Content }}
</div>
<footer class="item-terms" data-pagefind-ignore><dl>
{{- partial "terms.html" (dict "page" . "taxonomy" "directorates") }}
{{- partial "terms.html" (dict "page" . "taxonomy" "events") }}
{{- partial "terms.html" (dict "page" . "taxonomy" "programs") }}
{{- partial "terms.html" (dict "page" . "taxonomy" "tags") }}
</dl></footer>
</article>
{{ end }}
""",
    "_default/list.html": """\
{{ define "main" }}
<h1>{{ .Title }}</h1>
<p class="count">{{ i18n "count" (dict "Count" (len .RegularPages)) }}</p>
{{- range .Paginator.Pages }}
{{ partial "summary.html" . }}
{{- else }}
<p>{{ i18n "empty" }}</p>
{{- end }}
{{ partial "pagination.html" . }}
{{ end }}
""",
    # The taxonomy kind (the list of terms). Hugo 0.146+ also reads this
    # old name; `_default/taxonomy.html` would be taken for term pages too.
    "_default/terms.html": """\
{{ define "main" }}
<h1>{{ .Title }}</h1>
<ul class="term-list">
{{- range .Pages.ByTitle }}
{{- $term := . }}
<li><a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a>
{{- with .Params.place }} <span class="term-meta">{{ . }}, {{ $term.Date | time.Format ":date_long" }}</span>{{ end }}
<span class="term-count">{{ i18n "count" (dict "Count" (len .Pages)) }}</span></li>
{{- end }}
</ul>
{{ end }}
""",
    "_default/term.html": """\
{{ define "main" }}
{{- /* Only the first page of a term is indexed, as in warta, whose later
     pages do not repeat the term's text. */}}
<article class="term"{{ if and .Content (eq .Paginator.PageNumber 1) }} data-pagefind-body{{ end }}>
<header>
<p class="eyebrow" data-pagefind-ignore><a href="{{ .Parent.RelPermalink }}">{{ .Parent.Title }}</a></p>
<h1 data-pagefind-meta="title">{{ .Title }}</h1>
{{- if or .Params.place (not .Date.IsZero) }}
<p class="dateline">{{ with .Params.place }}<span class="place">{{ . }}</span>, {{ end }}{{ if not .Date.IsZero }}<time>{{ .Date | time.Format ":date_long" }}</time>{{ end }}</p>
{{- end }}
</header>
{{- with .Content }}
<div class="prose">{{ . }}</div>
{{- end }}
</article>
<section class="term-news">
<h2>{{ i18n "term_news" }}</h2>
<p class="count">{{ i18n "count" (dict "Count" (len .Pages)) }}</p>
{{- range .Paginator.Pages }}
{{ partial "summary.html" . }}
{{- else }}
<p>{{ i18n "empty" }}</p>
{{- end }}
{{ partial "pagination.html" . }}
</section>
{{ end }}
""",
    "index.html": """\
{{ define "main" }}
<h1>{{ site.Title }}</h1>
<p class="intro">{{ i18n "intro" }}</p>
<section class="home-news">
<h2>{{ i18n "latest" }}</h2>
{{- range first 6 (where site.RegularPages "Section" "news") }}
{{ partial "summary.html" . }}
{{- end }}
<p><a href="{{ relLangURL "news/" }}">{{ i18n "all" }}</a></p>
</section>
{{- range $tax := slice "events" "programs" "directorates" }}
{{- with site.GetPage (printf "/%s" $tax) }}
<section>
<h2>{{ i18n $tax }}</h2>
<ul class="term-list">
{{- range first 8 .Pages.ByDate.Reverse }}
<li><a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a> <span class="term-count">{{ i18n "count" (dict "Count" (len .Pages)) }}</span></li>
{{- end }}
</ul>
</section>
{{- end }}
{{- end }}
{{ end }}
""",
}


def toml_i18n(messages) -> str:
    lines = []
    for k, v in messages.items():
        lines.append(f"[{k}]")
        lines.append(f"other = {json.dumps(v, ensure_ascii=False)}")
    return "\n".join(lines) + "\n"


def build_hugo(site: Site, out: str):
    r = Renderer(site, "hugo")
    write(os.path.join(out, "hugo.toml"), HUGO_CONFIG)
    for path, text in HUGO_LAYOUTS.items():
        write(os.path.join(out, "layouts", path), text)
    for lang in LANGS:
        write(os.path.join(out, "i18n", f"{lang}.toml"), toml_i18n(HUGO_I18N[lang]))
    write(os.path.join(out, "static", "bench.css"), "body{font-family:sans-serif;max-width:50rem;margin:auto}\n")
    c = os.path.join(out, "content")
    for lang in LANGS:
        j = LANGS.index(lang)
        write(os.path.join(c, "news", f"_index.{lang}.md"), r.front([("title", ("Berita", "News")[j])]))
        for tax, names in (("directorates", ("Direktorat", "Directorates")), ("programs", ("Program", "Programs")),
                           ("events", ("Kegiatan", "Events")), ("tags", ("Topik", "Topics"))):
            write(os.path.join(c, tax, f"_index.{lang}.md"), r.front([("title", names[j])]))
    for d in DIRECTORATES:
        body = site.term_body("directorate", d[0])
        for j, lang in enumerate(LANGS):
            fm = r.front([("title", d[1 + j]), ("outputs", ["html", "rss"])])
            write(os.path.join(c, "directorates", d[0], f"_index.{lang}.md"), fm + r.blocks(body, lang, "directorates"))
    for p in PROGRAMS:
        body = site.term_body("program", p[0])
        for j, lang in enumerate(LANGS):
            # A term page takes only what it shows: no directorate.
            fm = r.front([("title", f"{p[2 + j]} ({p[4]})")])
            write(os.path.join(c, "programs", p[0], f"_index.{lang}.md"), fm + r.blocks(body, lang, "programs"))
    for ev in site.events:
        body = site.term_body("event", ev["key"])
        for j, lang in enumerate(LANGS):
            fm = r.front([("title", ev["title"][j]), ("date", ev["date"].isoformat()), ("place", ev["city"]),
                          ("directorate", ev["directorate"])])
            write(os.path.join(c, "events", ev["key"], f"_index.{lang}.md"), fm + r.blocks(body, lang, "events"))
    for t in TAGS:
        for j, lang in enumerate(LANGS):
            write(os.path.join(c, "tags", t[0], f"_index.{lang}.md"), r.front([("title", t[1 + j])]))
    for s in site.stories:
        body = site.story_body(s)
        for lang in langs_of(s):
            j = LANGS.index(lang)
            fm = r.front([
                ("title", s["title"][j]), ("date", s["date"].isoformat()), ("slug", s["slug"]),
                ("place", s["city"]), ("directorates", [s["directorate"]]),
                ("events", [s["event"]] if s["event"] else None), ("programs", s["programs"]),
                ("tags", s["tags"]), ("writer", s["writer"]), ("editor", s["editor"]),
                ("translator", s["translator"] if lang == "en" else None),
                ("summary", summary_of(site, s, lang)),
            ])
            write(os.path.join(c, "news", f"{s['name']}.{lang}.md"), fm + r.blocks(body, lang, "news"))


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--stories", type=int, required=True, help="number of news items (Indonesian originals)")
    ap.add_argument("--out", required=True, help="output folder (replaced if it exists)")
    ap.add_argument("--engine", choices=("warta", "hugo"), required=True)
    args = ap.parse_args(argv)
    if args.stories < 1:
        ap.error("--stories must be at least 1")
    if os.path.exists(args.out):
        if not os.path.isdir(args.out):
            ap.error(f"{args.out} exists and is not a folder")
        shutil.rmtree(args.out)
    site = Site(args.stories)
    (build_warta if args.engine == "warta" else build_hugo)(site, args.out)
    en = len(site.translated)
    print(f"{args.engine}: {args.stories} stories ({en} with English), {len(site.events)} events, "
          f"{len(PROGRAMS)} programs, {len(DIRECTORATES)} directorates, {len(TAGS)} tags -> {args.out}",
          file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
