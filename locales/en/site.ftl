# Tag display names for the warta example site (English)
tag-pekerja-sosial = Social Workers
tag-psm = Community Social Workers
tag-pelatihan = Training
tag-perencanaan = Planning
tag-kewirausahaan-sosial = Social Entrepreneurship
tag-lks = Social Welfare Institutions
