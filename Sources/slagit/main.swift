import SlagitCore
