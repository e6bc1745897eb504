// placeholder until the project has code
