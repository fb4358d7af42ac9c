"""Sentences of the bundled seed documents that several test modules read."""

CHAIN_MASTERS = (  # seeds/001
    'Strengthen the "hard constraints per mu + industrial chain orientation", focusing on the upstream and downstream '
    'of chain master enterprises such as Ruiqing Times, Xpeng Motors, Jintian Copper, and GCL Group, and strive to '
    'attract chain masters, science and technology innovation, supporting, and growth For large-scale projects, do a '
    'good job in tax benefit assessment at different stages of the project.')
XIAOPENG_POSSESSIVE = (  # seeds/004
    "Xiaopeng's auto production line has been upgraded smoothly, with an annual output of 200000 vehicles and 130000 "
    "vehicles; Ruiqing Shidai No. 1 Plant was put into operation, with the output of nearly 10GWh; Putai, Jiyang and "
    "other projects have been put into operation, and the output value of the new energy automobile industry has "
    "exceeded 70 billion yuan, up 50.6%.")
XIAOPENG_AUTOMOBILE = (  # seeds/004
    "Vigorously support the development led by Xiaopeng Automobile, accelerate the construction of supporting parts "
    "industrial park, intelligent driving test and other projects, build Zhaoqing Dawang New Energy Intelligent "
    "Automobile Industrial City, build and improve the city's key parts industrial chain.")
XIAOPENG_AUTO = (  # seeds/004
    "Among them, Wanhuabao Food plans to invest 200 million yuan in the construction of high-end food projects in "
    "Zhaoqing High-tech Zone, and Honghui Mould plans to invest 350 million yuan in the construction of new energy "
    "auto parts production and assembly manufacturing, intelligent industrial equipment projects in Zhaoqing High-tech "
    "Zone, as a supporting project for Xiaopeng Auto.")
