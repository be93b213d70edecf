# Pesan antarmuka bawaan warta: Bahasa Indonesia.
# Situs dapat menimpa pesan mana pun dengan berkas locales/id/*.ftl miliknya.

language-name = Bahasa Indonesia

## Kerangka halaman

skip-to-content = Langsung ke isi
nav-main = Navigasi utama
nav-home = Beranda
nav-news = Berita
language-switcher-label = Bahasa
language-switcher-current = { $language } (bahasa halaman ini)
footer-about = Situs berita dwibahasa.
footer-generator = Dibangun dengan warta

## Tanggal

date-long = { $day } { $month } { $year }
month-1 = Januari
month-2 = Februari
month-3 = Maret
month-4 = April
month-5 = Mei
month-6 = Juni
month-7 = Juli
month-8 = Agustus
month-9 = September
month-10 = Oktober
month-11 = November
month-12 = Desember
weekday-1 = Senin
weekday-2 = Selasa
weekday-3 = Rabu
weekday-4 = Kamis
weekday-5 = Jumat
weekday-6 = Sabtu
weekday-7 = Minggu

## Berita

news-title = Berita
news-count = { $count } berita
news-latest = Berita terbaru
news-all = Semua berita
news-empty = Belum ada berita.
published-on = Diterbitkan
updated-on = Diperbarui { $date }
read-more = Baca selengkapnya: { $title }
credit-writer = Penulis
credit-editor = Editor
credit-translator = Penerjemah
credit-photographer = Foto
credits-label = Kredit

## Halaman daftar

pagination-label = Navigasi halaman
pagination-previous = Sebelumnya
pagination-next = Berikutnya
pagination-position = Halaman { $page } dari { $total }
page-title-numbered = { $title } (halaman { $page })

## Terjemahan

translation-label = Terjemahan
translation-missing = { $section ->
    [news] Belum ada dalam { $language }: lihat semua berita
    [programs] Belum ada dalam { $language }: lihat semua program
    [directorates] Belum ada dalam { $language }: lihat semua direktorat
    [events] Belum ada dalam { $language }: lihat semua kegiatan
    [tags] Belum ada dalam { $language }: lihat semua topik
   *[other] Belum ada dalam { $language }: ke beranda
}

## Beranda dan halaman akar

home-title = Beranda
home-intro = Berita dan informasi program dalam bahasa Indonesia dan bahasa Inggris.
root-title = Pilih bahasa
root-choose = Baca situs ini dalam bahasa Indonesia

## Halaman tidak ditemukan

not-found-title = Halaman tidak ditemukan
not-found-text = Halaman yang Anda cari tidak ada atau sudah dipindahkan.
not-found-home = Kembali ke beranda

## Bahasa lain

language-id = bahasa Indonesia
language-en = bahasa Inggris
untranslated-marker = Hanya dalam { $language }

## Indeks: direktorat, kegiatan, program, topik, tahun

directorates-title = Direktorat
programs-title = Program
events-title = Kegiatan
tags-title = Topik
news-archive-title = Berita tahun { $year }
news-years = Arsip per tahun
term-news = Berita
label-directorate = Direktorat
label-event = Kegiatan
label-programs = Program
label-tags = Topik
events-upcoming = Kegiatan mendatang
events-recent = Kegiatan
events-all = Semua kegiatan

## Metadata dan umpan berita

og-locale = id_ID
feed-title = { $site }: berita terbaru
feed-title-directorate = { $site }: berita { $name }

## Pencarian

search-title = Cari
search-label = Cari di situs ini
search-button = Cari
search-results = { $count } hasil
search-none = Tidak ada hasil.
search-searching = Mencari…
search-unavailable = Pencarian belum tersedia di situs ini.
search-needs-script = Pencarian memerlukan JavaScript.
