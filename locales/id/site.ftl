# Nama tampilan tag untuk situs contoh warta (bahasa Indonesia)
tag-pekerja-sosial = Pekerja Sosial
tag-psm = Pekerja Sosial Masyarakat
tag-pelatihan = Pelatihan
tag-perencanaan = Perencanaan
tag-kewirausahaan-sosial = Kewirausahaan Sosial
tag-lks = Lembaga Kesejahteraan Sosial
